package com.atelier.platform.events.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.atelier.platform.events.EventSubscriber;
import com.atelier.platform.jobs.PeriodicJob;
import com.atelier.platform.tenancy.PlatformDsl;
import com.atelier.platform.tenancy.TenantDirectory;

/**
 * The outbox relay, run every {@code atelier.events.relay-interval} (default 500 ms)
 * while the application serves.
 */
@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

	@Bean
	OutboxRelay outboxRelay(PlatformDsl platform, TenantDirectory directory, List<EventSubscriber> subscribers,
			@Value("${atelier.events.batch-size:200}") int batchSize,
			@Value("${atelier.events.per-tenant:50}") int perTenant) {
		return new OutboxRelay(platform, directory, subscribers, batchSize, perTenant, Duration.ofMinutes(1),
				Duration.ofHours(1));
	}

	@Bean
	PeriodicJob outboxRelaySchedule(OutboxRelay relay, @Value("${atelier.jobs.enabled:true}") boolean enabled,
			@Value("${atelier.events.relay-interval:500ms}") Duration interval) {
		return new PeriodicJob("outbox-relay", relay::drain, enabled, interval);
	}

}

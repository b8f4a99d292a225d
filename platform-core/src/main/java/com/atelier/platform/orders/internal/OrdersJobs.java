package com.atelier.platform.orders.internal;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.atelier.platform.jobs.PeriodicJob;
import com.atelier.platform.orders.Orders;
import com.atelier.platform.tenancy.PlatformDsl;
import com.atelier.platform.tenancy.TenantDirectory;

/**
 * Runs the reservation expiry job every {@code atelier.orders.expiry-interval} (default
 * 10 s, so stock is back within 60 s of expiry with room to spare) while the application
 * serves; off in CLI commands ({@code atelier.jobs.enabled=false}).
 */
@Configuration(proxyBeanMethods = false)
class OrdersJobs {

	@Bean
	ReservationExpiryJob reservationExpiryJob(PlatformDsl platform, TenantDirectory directory, Orders orders) {
		return new ReservationExpiryJob(platform, directory, orders, 200, Duration.ofMinutes(1));
	}

	@Bean
	PeriodicJob reservationExpirySchedule(ReservationExpiryJob job,
			@Value("${atelier.jobs.enabled:true}") boolean enabled,
			@Value("${atelier.orders.expiry-interval:10s}") Duration interval) {
		return new PeriodicJob("reservation-expiry", job::runOnce, enabled, interval);
	}

}

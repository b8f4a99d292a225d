package com.atelier.infra.events;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.atelier.infra.AtelierApplication;
import com.atelier.platform.events.EventSubscriber;
import com.atelier.platform.events.Events;
import com.atelier.platform.events.OutboxEvent;
import com.atelier.platform.events.internal.OutboxRelay;
import com.atelier.platform.tenancy.NewTenant;
import com.atelier.platform.tenancy.PlatformDsl;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantDirectory;
import com.atelier.platform.tenancy.TenantProvisioning;
import com.atelier.testing.TestDatabase;
import com.atelier.testing.TestDatabaseInitializer;
import com.atelier.testing.TestTenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The outbox and its relay on a database of their own (no other relay running): an event
 * exists only if its transaction committed; each subscriber gets each event at least
 * once, a failing subscriber is retried alone, deliveries are recorded, and one busy
 * tenant does not hold back another's events.
 */
@SpringBootTest(classes = AtelierApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "atelier.embedded-db.enabled=false", "atelier.test.database=relay", "atelier.jobs.enabled=false",
				"atelier.cluster.listen=false" })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class OutboxRelayIT {

	@Autowired
	TenantProvisioning provisioning;

	@Autowired
	TenantDirectory directory;

	@Autowired
	PlatformDsl platform;

	@Autowired
	Events events;

	@Autowired
	PlatformTransactionManager transactions;

	Tenant brand(String prefix) {
		return this.provisioning
			.create(NewTenant.of(TestTenants.uniqueSlug(prefix), prefix, "EUR", List.of(), List.of("en")));
	}

	List<UUID> publish(Tenant tenant, int count) {
		List<UUID> ids = new ArrayList<>();
		TenantContext.run(tenant.ref(), () -> new TransactionTemplate(this.transactions).executeWithoutResult((s) -> {
			for (int i = 0; i < count; i++) {
				ids.add(this.events.publish("OrderPlaced", "order", UUID.randomUUID().toString(), Map.of("n", i)));
			}
		}));
		return ids;
	}

	@Test
	void events_exist_only_when_their_transaction_commits() {
		Tenant brand = brand("rollback");
		assertThatThrownBy(() -> TenantContext.run(brand.ref(),
				() -> new TransactionTemplate(this.transactions).executeWithoutResult((s) -> {
					this.events.publish("OrderPlaced", "order", "x", Map.of());
					throw new IllegalStateException("the change failed");
				})))
			.hasMessage("the change failed");
		assertThat(count("select count(*) from platform.outbox where tenant_id = '" + brand.id().value() + "'"))
			.isZero();
		assertThatThrownBy(
				() -> TenantContext.run(brand.ref(), () -> this.events.publish("OrderPlaced", "order", "x", Map.of())))
			.as("no transaction, no event")
			.isInstanceOf(org.springframework.transaction.IllegalTransactionStateException.class);
	}

	@Test
	void a_failing_subscriber_is_retried_alone_and_every_delivery_is_recorded() {
		drainEverything();
		Tenant brand = brand("retry");
		List<UUID> ids = publish(brand, 3);
		Recorder healthy = new Recorder("healthy", Set.of());
		Recorder flaky = new Recorder("flaky", Set.of(ids.get(1)));
		OutboxRelay relay = new OutboxRelay(this.platform, this.directory, List.of(healthy, flaky), 100, 100,
				Duration.ofMinutes(1), Duration.ofHours(1));

		assertThat(relay.relayOnce()).isEqualTo(3);

		assertThat(healthy.received).containsExactlyElementsOf(ids);
		assertThat(flaky.received).containsExactly(ids.get(0), ids.get(2));
		assertThat(count("select count(*) from platform.outbox where event_id = '" + ids.get(1)
				+ "' and delivered_at is null and last_error like 'flaky:%' and next_attempt_at > now()"))
			.isEqualTo(1);
		assertThat(
				count("select count(*) from platform.outbox_deliveries d join platform.outbox o on o.id = d.outbox_id"
						+ " where o.event_id = '" + ids.get(1) + "'"))
			.as("the healthy subscriber's delivery is recorded")
			.isEqualTo(1);
		assertThat(relay.relayOnce()).as("the retry waits for its backoff").isZero();

		execute("update platform.outbox set next_attempt_at = now() where event_id = '" + ids.get(1) + "'");
		flaky.failOn.clear();
		assertThat(relay.relayOnce()).isEqualTo(1);

		assertThat(flaky.received).containsExactly(ids.get(0), ids.get(2), ids.get(1));
		assertThat(healthy.received).as("not delivered twice to the one that had it").hasSize(3);
		assertThat(count("select count(*) from platform.outbox where tenant_id = '" + brand.id().value()
				+ "' and delivered_at is not null"))
			.isEqualTo(3);
		assertThat(healthy.events.get(0).tenantId()).isEqualTo(brand.id());
		assertThat(healthy.events.get(0).attempt()).isEqualTo(1);
		assertThat(flaky.events.get(2).attempt()).isEqualTo(2);
	}

	@Test
	void a_relay_that_died_mid_delivery_leaves_the_events_to_another_after_the_lease() {
		drainEverything();
		Tenant brand = brand("lease");
		List<UUID> ids = publish(brand, 2);
		Recorder dying = new Recorder("subscriber", Set.of());
		OutboxRelay crashed = new OutboxRelay(this.platform, this.directory, List.of(new EventSubscriber() {
			@Override
			public String name() {
				return "subscriber";
			}

			@Override
			public boolean accepts(String type) {
				return true;
			}

			@Override
			public void handle(OutboxEvent event) {
				// The process dies before recording anything.
				throw new Error("node died");
			}
		}), 100, 100, Duration.ofMinutes(1), Duration.ofHours(1));
		assertThatThrownBy(crashed::relayOnce).hasMessage("node died");
		OutboxRelay survivor = new OutboxRelay(this.platform, this.directory, List.of(dying), 100, 100,
				Duration.ofMinutes(1), Duration.ofHours(1));
		assertThat(survivor.relayOnce()).as("leased by the dead node").isZero();

		execute("update platform.outbox set next_attempt_at = now() where tenant_id = '" + brand.id().value() + "'");
		assertThat(survivor.relayOnce()).isEqualTo(2);
		assertThat(dying.received).containsExactlyElementsOf(ids);
	}

	@Test
	void one_busy_tenant_does_not_hold_back_another() {
		drainEverything();
		Tenant busy = brand("busy");
		Tenant quiet = brand("quiet");
		publish(busy, 40);
		List<UUID> quietIds = publish(quiet, 2);
		Recorder recorder = new Recorder("recorder", Set.of());
		OutboxRelay relay = new OutboxRelay(this.platform, this.directory, List.of(recorder), 10, 5,
				Duration.ofMinutes(1), Duration.ofHours(1));

		assertThat(relay.relayOnce()).isEqualTo(7);

		assertThat(recorder.received).as("the quiet tenant's events came in the first batch").containsAll(quietIds);
		assertThat(relay.drain()).isEqualTo(35);
		assertThat(recorder.received).hasSize(42);
	}

	private void drainEverything() {
		new OutboxRelay(this.platform, this.directory, List.of(), 1000, 1000, Duration.ofMinutes(1),
				Duration.ofHours(1))
			.drain();
	}

	private static long count(String sql) {
		try (Connection connection = TestDatabase.database("relay").connect();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void execute(String sql) {
		try (Connection connection = TestDatabase.database("relay").connect();
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static final class Recorder implements EventSubscriber {

		final String name;

		final Set<UUID> failOn;

		final List<UUID> received = new CopyOnWriteArrayList<>();

		final List<OutboxEvent> events = new CopyOnWriteArrayList<>();

		Recorder(String name, Set<UUID> failOn) {
			this.name = name;
			this.failOn = ConcurrentHashMap.newKeySet();
			this.failOn.addAll(failOn);
		}

		@Override
		public String name() {
			return this.name;
		}

		@Override
		public boolean accepts(String type) {
			return true;
		}

		@Override
		public void handle(OutboxEvent event) {
			if (this.failOn.contains(event.eventId())) {
				throw new IllegalStateException("unavailable");
			}
			this.received.add(event.eventId());
			this.events.add(event);
		}

	}

}

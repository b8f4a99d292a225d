package com.atelier.platform.tenancy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.atelier.platform.cluster.internal.PgClusterSignals;
import com.atelier.testing.TestDatabase;
import com.atelier.testing.TestTenants;
import com.atelier.testing.platform.PlatformTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Host to tenant: registered domains and {@code {slug}.localhost} only, nothing by
 * suffix; directory changes made by another node reach this node's cache.
 */
@PlatformTest
class TenantResolverIT {

	@Autowired
	TenantResolver resolver;

	@Autowired
	TenantProvisioning provisioning;

	@Autowired
	PgClusterSignals signals;

	@BeforeEach
	void listening() {
		await().atMost(Duration.ofSeconds(10)).until(this.signals::isListening);
	}

	@Test
	void resolves_the_local_host_and_registered_domains_in_any_case() {
		String slug = TestTenants.uniqueSlug("host");
		Tenant tenant = this.provisioning
			.create(NewTenant.of(slug, "Host", "EUR", List.of("shop." + slug + ".example"), List.of()));
		assertThat(this.resolver.resolve(slug + ".localhost").id()).isEqualTo(tenant.id());
		assertThat(this.resolver.resolve(slug.toUpperCase() + ".LOCALHOST").id()).isEqualTo(tenant.id());
		assertThat(this.resolver.resolve("SHOP." + slug + ".example").id()).isEqualTo(tenant.id());
	}

	@Test
	void nothing_matches_by_prefix_or_suffix() {
		Tenant tenant = TestTenants.create(this.provisioning, "acme");
		String slug = tenant.slug().value();
		for (String host : List.of("not" + slug + ".localhost", "x." + slug + ".localhost", slug + "x.localhost", slug,
				"localhost", slug + ".localhost.evil.example", "127.0.0.1")) {
			assertThatThrownBy(() -> this.resolver.resolve(host)).as(host).isInstanceOf(UnknownTenant.class);
		}
	}

	@Test
	void a_suspension_made_by_another_node_is_seen_within_a_second() throws SQLException {
		Tenant tenant = TestTenants.create(this.provisioning, "remote");
		String host = tenant.localHost();
		assertThat(this.resolver.resolve(host).status()).isEqualTo(TenantStatus.ACTIVE);
		// Another node suspends it: a committed update and a notification, nothing in
		// this JVM.
		try (Connection connection = TestDatabase.atelier().connect();
				Statement statement = connection.createStatement()) {
			statement.execute("update platform.tenants set status = 'SUSPENDED' where id = '" + tenant.id() + "'");
			statement.execute("notify atelier_tenants, '" + tenant.slug() + "'");
		}
		await().atMost(Duration.ofSeconds(1))
			.untilAsserted(
					() -> assertThatThrownBy(() -> this.resolver.resolve(host)).isInstanceOf(TenantSuspended.class));
	}

	@Test
	void a_change_missed_while_disconnected_is_seen_after_the_listener_reconnects() throws SQLException {
		Tenant tenant = TestTenants.create(this.provisioning, "missed");
		String host = tenant.localHost();
		assertThat(this.resolver.resolve(host).status()).isEqualTo(TenantStatus.ACTIVE);
		this.signals.dropConnection();
		try (Connection connection = TestDatabase.atelier().connect();
				Statement statement = connection.createStatement()) {
			// No notification: this node would never hear of the change.
			statement.execute("update platform.tenants set status = 'SUSPENDED' where id = '" + tenant.id() + "'");
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThatThrownBy(() -> this.resolver.resolve(host)).isInstanceOf(TenantSuspended.class));
	}

	@Test
	void a_tenant_still_being_provisioned_is_unknown() throws SQLException {
		Tenant tenant = TestTenants.create(this.provisioning, "prov");
		try (Connection connection = TestDatabase.atelier().connect();
				Statement statement = connection.createStatement()) {
			statement.execute("update platform.tenants set status = 'PROVISIONING' where id = '" + tenant.id() + "'");
		}
		this.resolver.invalidateAll();
		assertThatThrownBy(() -> this.resolver.resolve(tenant.localHost())).isInstanceOf(UnknownTenant.class);
	}

}

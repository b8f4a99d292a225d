package com.atelier.platform.tenancy;

import java.sql.Connection;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.atelier.platform.tenancy.internal.ConnectionRouter;
import com.atelier.testing.TestTenants;
import com.atelier.testing.platform.PlatformTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One tenant holds at most its share of the pool: the rest stays free for the others. A
 * pool of three, a share of two.
 */
@PlatformTest(properties = { "spring.datasource.hikari.maximum-pool-size=3",
		"spring.datasource.hikari.connection-timeout=500", "atelier.fairness.max-connections-per-tenant=2",
		"atelier.test.database=share" })
class ConnectionShareIT {

	static Tenant busy;

	static Tenant calm;

	@Autowired
	ConnectionRouter router;

	@BeforeAll
	static void tenants(@Autowired TenantProvisioning provisioning) {
		busy = TestTenants.create(provisioning, "share-busy");
		calm = TestTenants.create(provisioning, "share-calm");
	}

	@Test
	void a_tenant_over_its_share_waits_then_is_refused_while_another_tenant_gets_a_connection() throws Exception {
		try (Connection first = this.router.borrow(busy.schema());
				Connection second = this.router.borrow(busy.schema())) {
			long started = System.nanoTime();
			assertThatThrownBy(() -> this.router.borrow(busy.schema()))
				.isInstanceOf(SQLTransientConnectionException.class)
				.hasMessageContaining("share of 2 connections");
			assertThat((System.nanoTime() - started) / 1_000_000).as("waited for the pool's timeout")
				.isGreaterThanOrEqualTo(450);
			try (Connection other = this.router.borrow(calm.schema());
					var rows = other.createStatement().executeQuery("select current_schema()")) {
				rows.next();
				assertThat(rows.getString(1)).isEqualTo(calm.schema().name());
			}
			assertThat(this.router.held(busy.schema())).isEqualTo(2);
		}
		assertThat(this.router.held(busy.schema())).isZero();
	}

	@Test
	void a_connection_closed_twice_gives_back_its_place_once() throws Exception {
		Connection first = this.router.borrow(busy.schema());
		first.close();
		first.close();
		assertThat(this.router.held(busy.schema())).isZero();
		try (Connection a = this.router.borrow(busy.schema()); Connection b = this.router.borrow(busy.schema())) {
			assertThat(this.router.held(busy.schema())).isEqualTo(2);
		}
	}

	@Test
	void platform_connections_are_not_counted() throws Exception {
		try (Connection a = this.router.borrow(busy.schema());
				Connection b = this.router.borrow(busy.schema());
				Connection platform = this.router.borrowPlatform()) {
			assertThat(this.router.held(busy.schema())).isEqualTo(2);
		}
	}

}

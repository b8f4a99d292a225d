package com.atelier.platform.tenancy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.atelier.platform.brand.Brands;
import com.atelier.platform.tenancy.internal.ConnectionRouter;
import com.atelier.testing.TestTenants;
import com.atelier.testing.platform.PlatformTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PITFALLS 1: a pooled connection must never carry one tenant's search_path into the next
 * borrower's work. One connection in the pool, so every borrower gets the same one.
 */
@PlatformTest(properties = { "spring.datasource.hikari.maximum-pool-size=1", "atelier.test.database=leak" })
class SearchPathLeakIT {

	static Tenant a;

	static Tenant b;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	TenantDsl tenantDsl;

	@Autowired
	Brands brands;

	@Autowired
	ConnectionRouter router;

	@Autowired
	DataSource dataSource;

	@BeforeAll
	static void tenants(@Autowired TenantProvisioning provisioning) {
		a = TestTenants.create(provisioning, "leak-a");
		b = TestTenants.create(provisioning, "leak-b");
	}

	@Test
	void each_borrower_sees_its_own_schema() {
		assertThat(currentSchemaAs(a)).isEqualTo(a.schema().name());
		assertThat(currentSchemaAs(b)).isEqualTo(b.schema().name());
		assertThat(currentSchemaAs(a)).isEqualTo(a.schema().name());
	}

	@Test
	void an_exception_inside_a_transaction_of_a_does_not_leak_into_b() {
		assertThatThrownBy(() -> TenantContext.run(a.ref(), () -> this.transactions.executeWithoutResult((status) -> {
			this.jdbc.queryForObject("select current_schema()", String.class);
			this.jdbc.execute("select 1 / 0");
		}))).hasMessageContaining("division by zero");
		assertThat(currentSchemaAs(b)).isEqualTo(b.schema().name());
	}

	@Test
	void a_search_path_changed_inside_a_rolled_back_transaction_does_not_leak() {
		assertThatThrownBy(() -> TenantContext.run(a.ref(), () -> this.transactions.executeWithoutResult((status) -> {
			this.jdbc.queryForObject("select set_config('search_path', 'platform', false)", String.class);
			throw new IllegalStateException("boom");
		}))).hasMessage("boom");
		assertThat(currentSchemaAs(a)).isEqualTo(a.schema().name());
		assertThat(currentSchemaAs(b)).isEqualTo(b.schema().name());
	}

	@Test
	void hibernate_and_jooq_follow_the_tenant_on_one_connection() {
		String nameA = TenantContext.call(a.ref(), () -> this.brands.current().displayName());
		String nameB = TenantContext.call(b.ref(), () -> this.brands.current().displayName());
		assertThat(nameA).isEqualTo(a.displayName());
		assertThat(nameB).isEqualTo(b.displayName());
		String viaJooq = TenantContext.call(a.ref(),
				() -> this.tenantDsl.dsl()
					.resultQuery("select display_name from brand_settings")
					.fetchOne(0, String.class));
		assertThat(viaJooq).isEqualTo(a.displayName());
		assertThat(currentSchemaAs(b)).isEqualTo(b.schema().name());
	}

	@Test
	void a_connection_already_on_the_schema_is_not_switched_again() {
		currentSchemaAs(b);
		long before = this.router.switches();
		currentSchemaAs(b);
		currentSchemaAs(b);
		assertThat(this.router.switches()).isEqualTo(before);
		currentSchemaAs(a);
		assertThat(this.router.switches()).isEqualTo(before + 1);
	}

	@Test
	void borrowers_cannot_set_a_single_schema_behind_the_router() throws SQLException {
		try (TenantContext.Scope scope = TenantContext.enter(a.ref());
				Connection connection = this.dataSource.getConnection()) {
			assertThatThrownBy(() -> connection.setSchema(b.schema().name()))
				.isInstanceOf(SQLFeatureNotSupportedException.class);
		}
	}

	private String currentSchemaAs(Tenant tenant) {
		return TenantContext.call(tenant.ref(),
				() -> this.jdbc.queryForObject("select current_schema()", String.class));
	}

}

package com.atelier.platform.tenancy;

import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.atelier.testing.TestTenants;
import com.atelier.testing.platform.PlatformTest;

import static com.atelier.platform.jooq.tenant_template.Tables.BRAND_SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PITFALLS 3: jOOQ and JdbcTemplate route like Hibernate, inside a JPA transaction
 * (sharing its connection) and outside one.
 */
@PlatformTest
class JooqRoutingIT {

	static Tenant a;

	static Tenant b;

	@Autowired
	TenantDsl tenantDsl;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	EntityManager entityManager;

	@BeforeAll
	static void tenants(@Autowired TenantProvisioning provisioning) {
		a = TestTenants.create(provisioning, "jooq-a");
		b = TestTenants.create(provisioning, "jooq-b");
	}

	@Test
	void jooq_reads_only_the_current_tenants_rows_without_a_transaction() {
		TenantContext.run(a.ref(), this::brandNameViaJooq);
		assertThat(TenantContext.call(b.ref(), this::brandNameViaJooq)).isEqualTo(b.displayName());
		assertThat(TenantContext.call(a.ref(), this::brandNameViaJooq)).isEqualTo(a.displayName());
	}

	@Test
	void jooq_reads_only_the_current_tenants_rows_inside_a_transaction() {
		String name = TenantContext.call(b.ref(), () -> this.transactions.execute((status) -> brandNameViaJooq()));
		assertThat(name).isEqualTo(b.displayName());
	}

	@Test
	void jooq_and_jdbc_share_the_jpa_transactions_connection() {
		TenantContext.run(b.ref(), () -> this.transactions.executeWithoutResult((status) -> {
			Object viaJpa = this.entityManager.createNativeQuery("select pg_backend_pid()").getSingleResult();
			Integer viaJooq = this.tenantDsl.dsl().resultQuery("select pg_backend_pid()").fetchOne(0, Integer.class);
			Integer viaJdbc = this.jdbc.queryForObject("select pg_backend_pid()", Integer.class);
			assertThat(((Number) viaJpa).intValue()).isEqualTo(viaJooq).isEqualTo(viaJdbc);
		}));
	}

	@Test
	void jooq_renders_the_tenants_schema_not_the_template() {
		String sql = TenantContext.call(a.ref(), () -> this.tenantDsl.dsl().selectFrom(BRAND_SETTINGS).getSQL());
		assertThat(sql).contains("\"" + a.schema().name() + "\".\"brand_settings\"")
			.doesNotContain(TenantSchema.TEMPLATE);
	}

	private String brandNameViaJooq() {
		return this.tenantDsl.dsl().select(BRAND_SETTINGS.DISPLAY_NAME).from(BRAND_SETTINGS).fetchSingle().value1();
	}

}

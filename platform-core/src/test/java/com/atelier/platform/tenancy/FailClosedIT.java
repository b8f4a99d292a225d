package com.atelier.platform.tenancy;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.atelier.platform.brand.Brands;
import com.atelier.testing.TestTenants;
import com.atelier.testing.platform.PlatformTest;

import static com.atelier.platform.jooq.tenant_template.Tables.BRAND_SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PITFALLS 2: with no tenant set, every way to tenant data fails: never the default
 * schema, never rows.
 */
@PlatformTest
class FailClosedIT {

	static Tenant tenant;

	static ExecutorService jobs = Executors.newSingleThreadExecutor();

	@Autowired
	Brands brands;

	@Autowired
	TenantDsl tenantDsl;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@BeforeAll
	static void tenant(@Autowired TenantProvisioning provisioning) {
		tenant = TestTenants.create(provisioning, "closed");
	}

	@AfterAll
	static void stop() {
		jobs.shutdownNow();
	}

	@Test
	void a_jpa_repository_without_a_tenant_throws() {
		assertThatThrownBy(() -> this.brands.current()).hasRootCauseInstanceOf(NoTenantInContext.class);
	}

	@Test
	void a_jooq_query_without_a_tenant_throws() {
		assertThatThrownBy(() -> this.tenantDsl.dsl().selectFrom(BRAND_SETTINGS).fetch())
			.isInstanceOf(NoTenantInContext.class);
	}

	@Test
	void plain_jdbc_without_a_tenant_throws() {
		assertThatThrownBy(() -> this.jdbc.queryForObject("select current_schema()", String.class))
			.hasRootCauseInstanceOf(NoTenantInContext.class);
		assertThatThrownBy(() -> this.dataSource.getConnection()).isInstanceOf(NoTenantInContext.class);
	}

	@Test
	void a_background_job_does_not_inherit_the_tenant_of_the_thread_that_scheduled_it() {
		Future<String> job = TenantContext.call(tenant.ref(),
				() -> jobs.submit(() -> this.brands.current().displayName()));
		assertThatThrownBy(job::get).isInstanceOf(ExecutionException.class)
			.hasRootCauseInstanceOf(NoTenantInContext.class);
	}

	@Test
	void a_background_job_runs_for_the_tenant_it_was_given() throws Exception {
		Future<String> job = TenantContext.call(tenant.ref(),
				() -> jobs.submit(TenantContext.propagate(() -> this.brands.current().displayName())));
		assertThat(job.get()).isEqualTo(tenant.displayName());
		assertThat(TenantContext.current()).isEmpty();
	}

}

package com.atelier.platform.tenancy;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.atelier.testing.TestDatabase;
import com.atelier.testing.TestTenants;
import com.atelier.testing.platform.PlatformTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PITFALLS 8: a schema name never carries SQL, and the tenant's search path keeps
 * {@code public} so extensions installed there still resolve.
 */
@PlatformTest
class SchemaNameSafetyIT {

	static Tenant tenant;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeAll
	static void setUp(@Autowired TenantProvisioning provisioning) throws Exception {
		try (var connection = TestDatabase.atelier().connect(); var statement = connection.createStatement()) {
			statement.execute("create extension if not exists pg_trgm schema public");
		}
		tenant = TestTenants.create(provisioning, "ext");
	}

	@Test
	void an_injection_attempt_in_a_slug_is_refused_before_any_sql() {
		String hostile = "a\";drop schema x;--";
		assertThatThrownBy(() -> NewTenant.of(hostile, "Evil", "EUR", List.of(), List.of()))
			.isInstanceOf(InvalidTenantRequest.class)
			.hasMessageContaining("slug");
		assertThatThrownBy(() -> new TenantSlug(hostile)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new TenantSchema("tenant_a\"; drop schema platform cascade; --"))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new TenantSchema(TenantSchema.TEMPLATE)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void an_extension_function_in_public_works_under_a_tenant() {
		Double similarity = TenantContext.call(tenant.ref(),
				() -> this.jdbc.queryForObject("select similarity('maison', 'maisons')", Double.class));
		assertThat(similarity).isGreaterThan(0.5);
		String[] path = TenantContext
			.call(tenant.ref(), () -> this.jdbc.queryForObject("select current_schemas(false)::text", String.class))
			.replaceAll("[{}]", "")
			.split(",");
		assertThat(path).containsExactly(tenant.schema().name(), "public");
	}

}

package com.atelier.platform.tenancy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.atelier.testing.TestDatabase;
import com.atelier.testing.TestTenants;
import com.atelier.testing.platform.PlatformTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A changelog that creates a table and then fails: the creation is refused and no schema,
 * no directory row and no domain remain.
 */
@PlatformTest(properties = { "atelier.test.database=broken",
		"atelier.tenancy.tenant-changelog=db/test/broken-changelog.xml" })
class FailedProvisioningIT {

	@Autowired
	TenantProvisioning provisioning;

	@Autowired
	TenantDirectory directory;

	@Test
	void a_failure_half_way_through_the_changelog_leaves_nothing_behind() throws SQLException {
		String slug = TestTenants.uniqueSlug("half");
		assertThatThrownBy(() -> this.provisioning
			.create(NewTenant.of(slug, "Half", "EUR", List.of(slug + ".example.com"), List.of())))
			.isInstanceOf(TenantProvisioningFailed.class)
			.hasMessageContaining("applying the tenant changelog")
			.hasMessageContaining("no_such_table_anywhere");
		assertThat(this.directory.findBySlug(new TenantSlug(slug))).isEmpty();
		assertThat(this.directory.findByHost(slug + ".example.com")).isEmpty();
		try (Connection connection = TestDatabase.database("broken").connect();
				Statement statement = connection.createStatement()) {
			try (ResultSet schemas = statement
				.executeQuery("select nspname from pg_namespace where nspname like 'tenant_%'")) {
				assertThat(schemas.next()).as("a tenant schema was left behind").isFalse();
			}
			try (ResultSet rows = statement.executeQuery("select count(*) from platform.tenants")) {
				rows.next();
				assertThat(rows.getInt(1)).isZero();
			}
			try (ResultSet rows = statement.executeQuery("select count(*) from platform.tenant_domains")) {
				rows.next();
				assertThat(rows.getInt(1)).isZero();
			}
		}
	}

}

package com.atelier.platform.tenancy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;

import com.atelier.platform.jooq.tenant_template.TenantTemplate;
import com.atelier.platform.tenancy.MigrationResult.Outcome;
import com.atelier.testing.TestDatabase;
import com.atelier.testing.TestTenants;
import com.atelier.testing.platform.PlatformTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PITFALLS 5: Liquibase must not skip tenants or leak locks. 50 tenants are created with
 * the shipped changelog; this context's changelog adds one changeset, as a release would.
 */
@PlatformTest(properties = { "atelier.test.database=migrations",
		"atelier.tenancy.tenant-changelog=db/test/plus-one-changelog.xml" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TenantMigrationsIT {

	static final int TENANTS = 50;

	static List<Tenant> tenants = new ArrayList<>();

	@Autowired
	TenantMigrations migrations;

	@Autowired
	TenantDirectory directory;

	@BeforeAll
	static void tenants(@Autowired TenantProvisioning provisioning) throws SQLException {
		// Create the tenants as the previous release did: without the new changeset.
		for (int i = 0; i < TENANTS; i++) {
			tenants.add(TestTenants.create(provisioning, "mig"));
		}
		try (Connection connection = TestDatabase.database("migrations").connect();
				Statement statement = connection.createStatement()) {
			for (Tenant tenant : tenants) {
				statement.execute("drop table " + tenant.schema().quoted() + ".migration_probe");
				statement.execute("delete from " + tenant.schema().quoted()
						+ ".databasechangelog where id = '9001-migration-probe'");
				statement
					.execute("update platform.tenants set migrated_to = '1-previous' where id = '" + tenant.id() + "'");
			}
		}
	}

	@Test
	@Order(1)
	void every_tenant_gets_the_new_changeset_and_no_lock_is_left_set() throws SQLException {
		assertThat(this.migrations.behind()).isEqualTo(TENANTS);
		List<MigrationResult> results = this.migrations.migrateAll(new TenantMigrations.Listener() {
		});
		assertThat(this.migrations.behind()).isZero();
		for (Tenant tenant : tenants) {
			assertThat(resultFor(results, tenant))
				.extracting(MigrationResult::outcome, MigrationResult::changesetsApplied)
				.containsExactly(Outcome.MIGRATED, 1);
		}
		try (Connection connection = TestDatabase.database("migrations").connect()) {
			for (Tenant tenant : tenants) {
				assertThat(tables(connection, tenant)).as("tables of %s", tenant.schema())
					.containsExactlyInAnyOrderElementsOf(expectedTables());
				assertThat(count(connection,
						"select count(*) from " + tenant.schema().quoted() + ".databasechangeloglock where locked"))
					.as("locks set in %s", tenant.schema())
					.isZero();
			}
		}
		assertThat(this.directory.list()).filteredOn((t) -> tenants.stream().anyMatch((m) -> m.id().equals(t.id())))
			.allSatisfy((t) -> {
				assertThat(t.migratedTo()).isEqualTo(this.migrations.head());
				assertThat(t.migrationState()).isEqualTo(MigrationState.OK);
			});
	}

	@Test
	@Order(2)
	void a_second_run_skips_every_tenant_without_running_liquibase() throws SQLException {
		long executedBefore = totalChangelogRows();
		List<MigrationResult> results = this.migrations.migrateAll(new TenantMigrations.Listener() {
		});
		assertThat(results).isNotEmpty().allSatisfy((r) -> {
			assertThat(r.outcome()).isEqualTo(Outcome.SKIPPED);
			assertThat(r.changesetsApplied()).isZero();
		});
		assertThat(totalChangelogRows()).isEqualTo(executedBefore);
	}

	@Test
	@Order(3)
	void concurrent_migrations_in_one_jvm_are_serialized_and_leave_no_lock() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<MigrationResult>> futures = new ArrayList<>();
			for (Tenant tenant : tenants.subList(0, 12)) {
				// Twice per tenant, at once: the second finds nothing to do.
				futures.add(pool.submit(() -> this.migrations.migrate(tenant.slug())));
				futures.add(pool.submit(() -> this.migrations.migrate(tenant.slug())));
			}
			for (Future<MigrationResult> future : futures) {
				assertThat(future.get().outcome()).isEqualTo(Outcome.MIGRATED);
				assertThat(future.get().changesetsApplied()).isZero();
			}
		}
		finally {
			pool.shutdownNow();
		}
		try (Connection connection = TestDatabase.database("migrations").connect()) {
			for (Tenant tenant : tenants) {
				assertThat(count(connection,
						"select count(*) from " + tenant.schema().quoted() + ".databasechangeloglock where locked"))
					.isZero();
			}
		}
	}

	@Test
	@Order(4)
	void a_failing_tenant_is_marked_and_the_others_still_migrate() throws SQLException {
		Tenant broken = tenants.get(0);
		Tenant healthy = tenants.get(1);
		try (Connection connection = TestDatabase.database("migrations").connect();
				Statement statement = connection.createStatement()) {
			// A release's changeset meets a tenant whose table was changed by hand.
			statement.execute("drop table " + broken.schema().quoted() + ".migration_probe");
			statement.execute("create view " + broken.schema().quoted() + ".migration_probe as select 1 as id");
			for (Tenant tenant : List.of(broken, healthy)) {
				statement.execute("delete from " + tenant.schema().quoted()
						+ ".databasechangelog where id = '9001-migration-probe'");
				statement
					.execute("update platform.tenants set migrated_to = '1-previous' where id = '" + tenant.id() + "'");
			}
			statement.execute("drop table " + healthy.schema().quoted() + ".migration_probe");
		}
		List<MigrationResult> results = this.migrations.migrateAll(new TenantMigrations.Listener() {
		});
		assertThat(resultFor(results, broken).outcome()).isEqualTo(Outcome.FAILED);
		assertThat(this.migrations.behind()).as("the failed tenant still needs work").isEqualTo(1);
		assertThat(resultFor(results, broken).error()).contains("migration_probe");
		assertThat(resultFor(results, healthy).outcome()).isEqualTo(Outcome.MIGRATED);
		assertThat(results).filteredOn((r) -> r.outcome() == Outcome.FAILED).hasSize(1);
		Tenant marked = this.directory.findBySlug(broken.slug()).orElseThrow();
		assertThat(marked.migrationState()).isEqualTo(MigrationState.FAILED);
		assertThat(marked.migrationError()).contains("migration_probe");
		try (Connection connection = TestDatabase.database("migrations").connect()) {
			assertThat(count(connection,
					"select count(*) from " + broken.schema().quoted() + ".databasechangeloglock where locked"))
				.isZero();
		}
	}

	/**
	 * Every table of the shipped changelog (the generated jOOQ schema), and the new one.
	 */
	private static List<String> expectedTables() {
		List<String> expected = new ArrayList<>(
				TenantTemplate.TENANT_TEMPLATE.getTables().stream().map((t) -> t.getName()).toList());
		expected.addAll(List.of("migration_probe", "databasechangelog", "databasechangeloglock"));
		return expected;
	}

	private static MigrationResult resultFor(List<MigrationResult> results, Tenant tenant) {
		return results.stream().filter((r) -> r.slug().equals(tenant.slug())).findFirst().orElseThrow();
	}

	private static List<String> tables(Connection connection, Tenant tenant) throws SQLException {
		List<String> tables = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet result = statement
					.executeQuery("select table_name from information_schema.tables where table_schema = '"
							+ tenant.schema().name() + "'")) {
			while (result.next()) {
				tables.add(result.getString(1));
			}
		}
		return tables;
	}

	private static long totalChangelogRows() throws SQLException {
		long total = 0;
		try (Connection connection = TestDatabase.database("migrations").connect()) {
			for (Tenant tenant : tenants) {
				total += count(connection, "select count(*) from " + tenant.schema().quoted() + ".databasechangelog");
			}
		}
		return total;
	}

	private static long count(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

}

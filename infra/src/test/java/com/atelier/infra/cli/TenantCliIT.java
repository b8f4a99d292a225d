package com.atelier.infra.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.atelier.testing.TestDatabase;
import com.atelier.testing.TestTenants;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code atelier tenant} command, its output, its exit code and each refusal,
 * against a real database. Refused commands must change nothing.
 */
class TenantCliIT {

	static final String DATABASE = "cli";

	static CliHarness cli;

	static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path dir;

	@BeforeAll
	static void start() {
		cli = new CliHarness(DATABASE);
	}

	@AfterAll
	static void stop() {
		cli.close();
	}

	@Test
	void every_command_has_help_and_a_bare_command_is_a_usage_error() {
		for (List<String> command : List.<List<String>>of(List.of(), List.of("serve"), List.of("tenant"),
				List.of("tenant", "create"), List.of("tenant", "list"), List.of("tenant", "show"),
				List.of("tenant", "suspend"), List.of("tenant", "resume"), List.of("tenant", "migrate"),
				List.of("tenant", "export"), List.of("tenant", "delete"), List.of("tenant", "limits"))) {
			String[] args = java.util.stream.Stream.concat(command.stream(), java.util.stream.Stream.of("--help"))
				.toArray(String[]::new);
			CliHarness.Run help = cli.run(args);
			assertThat(help.code()).as(String.join(" ", args)).isZero();
			assertThat(help.out()).as(String.join(" ", args)).startsWith("Usage: atelier");
		}
		assertThat(cli.run().code()).isEqualTo(AtelierCli.INVALID);
		assertThat(cli.run("tenant").code()).isEqualTo(AtelierCli.INVALID);
		CliHarness.Run unknown = cli.run("tenant", "frobnicate");
		assertThat(unknown.code()).isEqualTo(AtelierCli.INVALID);
		assertThat(unknown.err()).contains("frobnicate");
		CliHarness.Run typo = cli.run("serve", "--dmeo");
		assertThat(typo.code()).as("a typo is not passed on to Spring Boot").isEqualTo(AtelierCli.INVALID);
		assertThat(typo.err()).contains("'--dmeo'").contains("--name=value");
	}

	@Test
	void create_prints_id_and_schema_and_the_tenant_is_listed_and_shown() {
		String slug = TestTenants.uniqueSlug("cli");
		CliHarness.Run create = cli.run("tenant", "create", "--slug", slug, "--name", "Maison CLI", "--currency", "GBP",
				"--domain", slug + ".example.co.uk", "--locale", "en-GB", "--locale", "fr-FR");
		assertThat(create.code()).as(create.toString()).isZero();
		assertThat(create.out()).contains("Created tenant " + slug)
			.contains("schema: tenant_" + slug.replace('-', '_'))
			.containsPattern("id: +[0-9a-f-]{36}");

		CliHarness.Run show = cli.run("tenant", "show", slug, "--json");
		assertThat(show.code()).isZero();
		JsonNode tenant = json.readTree(show.out());
		assertThat(tenant.get("slug").asString()).isEqualTo(slug);
		assertThat(tenant.get("name").asString()).isEqualTo("Maison CLI");
		assertThat(tenant.get("status").asString()).isEqualTo("ACTIVE");
		assertThat(tenant.get("defaultCurrency").asString()).isEqualTo("GBP");
		assertThat(tenant.get("defaultLocale").asString()).isEqualTo("en-GB");
		assertThat(tenant.at("/domains/0").asString()).isEqualTo(slug + ".example.co.uk");
		assertThat(tenant.at("/migration/state").asString()).isEqualTo("OK");

		assertThat(cli.run("tenant", "show", slug).out()).contains("status:     ACTIVE")
			.contains(slug + ".example.co.uk");
		assertThat(cli.run("tenant", "list").out()).containsPattern(slug + " +ACTIVE +GBP +OK");
		JsonNode list = json.readTree(cli.run("tenant", "list", "--json").out());
		assertThat(list.valueStream().map((t) -> t.get("slug").asString())).contains(slug);
	}

	@Test
	void invalid_input_is_refused_with_exit_2_and_creates_nothing() throws SQLException {
		long before = tenantRows();
		CliHarness.Run bad = cli.run("tenant", "create", "--slug", "a\";drop schema x;--", "--name", "X", "--currency",
				"EURO", "--locale", "not a locale");
		assertThat(bad.code()).isEqualTo(AtelierCli.INVALID);
		assertThat(bad.err()).contains("--slug: must be").contains("--currency: 'EURO'").contains("--locale:");
		assertThat(bad.out()).isEmpty();

		CliHarness.Run reserved = cli.run("tenant", "create", "--slug", "platform", "--name", "X", "--currency", "EUR");
		assertThat(reserved.code()).isEqualTo(AtelierCli.INVALID);
		assertThat(reserved.err()).contains("'platform' is reserved");

		CliHarness.Run missing = cli.run("tenant", "create", "--slug", "fine-slug", "--name", "X");
		assertThat(missing.code()).isEqualTo(AtelierCli.INVALID);
		assertThat(missing.err()).contains("--currency");
		assertThat(tenantRows()).isEqualTo(before);
	}

	@Test
	void a_duplicate_slug_or_domain_is_refused_with_exit_1_and_leaves_nothing() throws SQLException {
		String slug = TestTenants.uniqueSlug("first");
		String domain = slug + ".example.com";
		assertThat(
				cli.run("tenant", "create", "--slug", slug, "--name", "First", "--currency", "EUR", "--domain", domain)
					.code())
			.isZero();
		long before = tenantRows();

		CliHarness.Run sameSlug = cli.run("tenant", "create", "--slug", slug, "--name", "Again", "--currency", "EUR");
		assertThat(sameSlug.code()).isEqualTo(AtelierCli.FAILED);
		assertThat(sameSlug.err()).contains("error: A tenant with the slug '" + slug + "' already exists.");

		String second = TestTenants.uniqueSlug("second");
		CliHarness.Run sameDomain = cli.run("tenant", "create", "--slug", second, "--name", "Second", "--currency",
				"EUR", "--domain", domain.toUpperCase());
		assertThat(sameDomain.code()).isEqualTo(AtelierCli.FAILED);
		assertThat(sameDomain.err()).contains("The domain '" + domain + "' is already registered");
		assertThat(tenantRows()).isEqualTo(before);
		assertThat(schemaExists("tenant_" + second.replace('-', '_'))).isFalse();
	}

	@Test
	void a_create_that_fails_half_way_leaves_no_schema_and_no_row() throws SQLException {
		String slug = TestTenants.uniqueSlug("orphan");
		String schema = "tenant_" + slug.replace('-', '_');
		execute("create schema " + schema);
		long before = tenantRows();
		CliHarness.Run run = cli.run("tenant", "create", "--slug", slug, "--name", "Orphan", "--currency", "EUR");
		assertThat(run.code()).isEqualTo(AtelierCli.FAILED);
		assertThat(run.err()).contains("schema " + schema).contains("already exists");
		assertThat(tenantRows()).isEqualTo(before);

		try (CliHarness broken = new CliHarness("cli_broken",
				"atelier.tenancy.tenant-changelog=db/test/broken-changelog.xml")) {
			String half = TestTenants.uniqueSlug("half");
			CliHarness.Run failed = broken.run("tenant", "create", "--slug", half, "--name", "Half", "--currency",
					"EUR", "--domain", half + ".example.com");
			assertThat(failed.code()).isEqualTo(AtelierCli.FAILED);
			assertThat(failed.err()).contains("failed while applying the tenant changelog; nothing was kept");
			try (Connection connection = TestDatabase.database("cli_broken").connect();
					Statement statement = connection.createStatement()) {
				assertThat(count(statement, "select count(*) from platform.tenants")).isZero();
				assertThat(count(statement, "select count(*) from platform.tenant_domains")).isZero();
				assertThat(count(statement, "select count(*) from pg_namespace where nspname like 'tenant_%'"))
					.isZero();
			}
		}
	}

	@Test
	void suspend_and_resume_report_what_they_did() {
		String slug = created("pause");
		assertThat(cli.run("tenant", "suspend", slug).out()).contains("Suspended " + slug);
		assertThat(cli.run("tenant", "suspend", slug).out()).contains("already suspended");
		assertThat(cli.run("tenant", "show", slug).out()).contains("status:     SUSPENDED");
		assertThat(cli.run("tenant", "resume", slug).out()).contains("Resumed " + slug);
		assertThat(cli.run("tenant", "resume", slug).out()).contains("already active");
		CliHarness.Run unknown = cli.run("tenant", "suspend", "no-such-brand");
		assertThat(unknown.code()).isEqualTo(AtelierCli.FAILED);
		assertThat(unknown.err()).contains("No tenant has the slug 'no-such-brand'");
		assertThat(cli.run("tenant", "show", "no-such-brand").code()).isEqualTo(AtelierCli.FAILED);
		assertThat(cli.run("tenant", "show", "Not A Slug").code()).isEqualTo(AtelierCli.INVALID);
	}

	@Test
	void migrate_one_or_all_with_a_line_per_tenant_and_a_failing_tenant_reported() throws SQLException {
		String healthy = created("mig");
		CliHarness.Run one = cli.run("tenant", "migrate", healthy);
		assertThat(one.code()).as(one.toString()).isZero();
		assertThat(one.out()).containsPattern(healthy + " +MIGRATED +0 changeset");

		CliHarness.Run all = cli.run("tenant", "migrate", "--all");
		assertThat(all.code()).as(all.toString()).isZero();
		assertThat(all.out()).containsPattern("\\[ *\\d+/\\d+\\] " + healthy + " +SKIPPED +already at head")
			.containsPattern("\\d+ tenants at head \\S+: 0 migrated, \\d+ skipped, 0 failed");

		String broken = created("broken");
		String schema = "tenant_" + broken.replace('-', '_');
		execute("drop table " + schema + ".databasechangelog; update platform.tenants set migrated_to = 'old'"
				+ " where slug = '" + broken + "'");
		try {
			CliHarness.Run failing = cli.run("tenant", "migrate", "--all");
			assertThat(failing.code()).isEqualTo(AtelierCli.FAILED);
			assertThat(failing.out()).containsPattern(broken
					+ " +FAILED +changeset 0001-brand-settings: ERROR: relation \"brand_settings\" already exists\n")
				.containsPattern(healthy + " +SKIPPED")
				.contains("1 failed");
			assertThat(failing.err()).contains("1 tenant(s) failed");
			assertThat(cli.run("tenant", "show", broken).out()).contains("migration:  FAILED");
		}
		finally {
			cli.run("tenant", "delete", broken, "--confirm", broken);
		}
		assertThat(cli.run("tenant", "migrate", healthy, "--all").code()).isEqualTo(AtelierCli.INVALID);
		assertThat(cli.run("tenant", "migrate").code()).isEqualTo(AtelierCli.INVALID);
	}

	@Test
	void export_writes_a_zip_and_refuses_to_overwrite() throws Exception {
		String slug = created("export");
		Path file = this.dir.resolve(slug + ".zip");
		CliHarness.Run export = cli.run("tenant", "export", slug, "--out", file.toString());
		assertThat(export.code()).as(export.toString()).isZero();
		assertThat(export.out()).containsPattern("Exported " + slug + ": [1-9]\\d* rows from [1-9]\\d* tables to "
				+ java.util.regex.Pattern.quote(file.toString()));
		try (ZipFile zip = new ZipFile(file.toFile())) {
			assertThat(zip.getEntry("manifest.json")).isNotNull();
			assertThat(zip.getEntry("tables/brand_settings.csv")).isNotNull();
		}
		long size = Files.size(file);
		CliHarness.Run again = cli.run("tenant", "export", slug, "--out", file.toString());
		assertThat(again.code()).isEqualTo(AtelierCli.FAILED);
		assertThat(again.err()).contains("already exists");
		assertThat(Files.size(file)).isEqualTo(size);
		assertThat(cli.run("tenant", "export", "no-such-brand", "--out", this.dir.resolve("x.zip").toString()).code())
			.isEqualTo(AtelierCli.FAILED);
		assertThat(cli.run("tenant", "export", slug).code()).isEqualTo(AtelierCli.INVALID);
	}

	@Test
	void delete_needs_the_slug_as_confirmation_and_keeps_a_tombstone() throws SQLException {
		String slug = created("delete");
		String schema = "tenant_" + slug.replace('-', '_');
		assertThat(cli.run("tenant", "delete", slug).code()).isEqualTo(AtelierCli.INVALID);
		CliHarness.Run wrong = cli.run("tenant", "delete", slug, "--confirm", "something-else");
		assertThat(wrong.code()).isEqualTo(AtelierCli.FAILED);
		assertThat(wrong.err()).contains("confirm with the slug itself");
		assertThat(schemaExists(schema)).isTrue();

		CliHarness.Run delete = cli.run("tenant", "delete", slug, "--confirm", slug, "--actor", "ops@atelier.test");
		assertThat(delete.code()).as(delete.toString()).isZero();
		assertThat(delete.out()).contains("Deleted " + slug).contains("by ops@atelier.test");
		assertThat(schemaExists(schema)).isFalse();
		try (Connection connection = TestDatabase.database(DATABASE).connect();
				Statement statement = connection.createStatement()) {
			assertThat(count(statement, "select count(*) from platform.tenant_tombstones where slug = '" + slug
					+ "' and deleted_by = 'ops@atelier.test'"))
				.isEqualTo(1);
		}
		assertThat(cli.run("tenant", "show", slug).code()).isEqualTo(AtelierCli.FAILED);
		CliHarness.Run reuse = cli.run("tenant", "create", "--slug", slug, "--name", "Again", "--currency", "EUR");
		assertThat(reuse.code()).isEqualTo(AtelierCli.FAILED);
		assertThat(reuse.err()).contains("never reused");
	}

	private static String created(String prefix) {
		String slug = TestTenants.uniqueSlug(prefix);
		CliHarness.Run run = cli.run("tenant", "create", "--slug", slug, "--name", "Maison " + prefix, "--currency",
				"EUR");
		assertThat(run.code()).as(run.toString()).isZero();
		return slug;
	}

	private static long tenantRows() throws SQLException {
		try (Connection connection = TestDatabase.database(DATABASE).connect();
				Statement statement = connection.createStatement()) {
			return count(statement, "select count(*) from platform.tenants");
		}
	}

	private static boolean schemaExists(String schema) throws SQLException {
		try (Connection connection = TestDatabase.database(DATABASE).connect();
				Statement statement = connection.createStatement()) {
			return count(statement, "select count(*) from pg_namespace where nspname = '" + schema + "'") == 1;
		}
	}

	private static void execute(String sql) throws SQLException {
		try (Connection connection = TestDatabase.database(DATABASE).connect();
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static long count(Statement statement, String sql) throws SQLException {
		try (ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

	@Test
	void limits_shows_sets_and_resets_a_brands_own_rate_limits_and_refuses_bad_ones() {
		String slug = TestTenants.uniqueSlug("lim");
		assertThat(cli.run("tenant", "create", "--slug", slug, "--name", "Maison Limits", "--currency", "EUR").code())
			.isZero();

		CliHarness.Run set = cli.run("tenant", "limits", slug, "--set", "storefront-ip=600/1m", "--set",
				"checkout-ip=5/10s", "--actor", "alice");
		assertThat(set.code()).as(set.toString()).isZero();
		assertThat(set.out()).containsPattern("storefront-ip +600/1m +brand")
			.containsPattern("checkout-ip +5/10s +brand")
			.containsPattern("admin-client +1200/1m +default");

		CliHarness.Run reset = cli.run("tenant", "limits", slug, "--reset", "checkout-ip", "--json");
		assertThat(reset.code()).as(reset.toString()).isZero();
		assertThat(reset.out()).contains("\"limit\" : \"30/1m\"").contains("\"source\" : \"default\"");

		for (String[] bad : new String[][] { { "--set", "storefront-ip=lots" }, { "--set", "nope=1/1m" },
				{ "--set", "operator=1/1m" }, { "--set", "storefront-ip" }, { "--reset", "nope" } }) {
			CliHarness.Run refused = cli.run(java.util.stream.Stream
				.concat(java.util.stream.Stream.of("tenant", "limits", slug), java.util.stream.Stream.of(bad))
				.toArray(String[]::new));
			assertThat(refused.code()).as(String.join(" ", bad)).isEqualTo(AtelierCli.INVALID);
			assertThat(refused.err()).isNotBlank();
		}
		assertThat(cli.run("tenant", "limits", slug).out()).containsPattern("storefront-ip +600/1m +brand")
			.containsPattern("checkout-ip +30/1m +default");
		assertThat(cli.run("tenant", "limits", "no-such-brand").code()).isEqualTo(AtelierCli.FAILED);
	}

}

package com.atelier.infra.cli;

import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.atelier.infra.reports.ReportSeed;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantDirectory;
import com.atelier.platform.tenancy.TenantSlug;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code atelier report rollup} on a database of its own: figures per tenant and
 * currency, tenant counts, JSON and CSV, a tenant whose schema is broken reported without
 * stopping the others, and usage errors.
 */
class ReportCliIT {

	static final String DATABASE = "reportcli";

	static CliHarness cli;

	static final JsonMapper json = JsonMapper.builder().build();

	@BeforeAll
	static void start() throws Exception {
		cli = new CliHarness(DATABASE);
		for (String slug : new String[] { "roll-one", "roll-two", "roll-broken", "roll-quiet" }) {
			assertThat(cli.run("tenant", "create", "--slug", slug, "--name", slug, "--currency", "EUR").code())
				.isZero();
		}
		try (ReportSeed one = new ReportSeed(tenant("roll-one"), DATABASE)) {
			one.order("a@example.com", "eu", "EUR", true, "PAID", 1500, 250, 101500, 0,
					Instant.parse("2026-05-10T10:00:00Z"), null,
					new ReportSeed.Line("BAG", "Bag", 1, 100000, "0.2", 16667));
			var refunded = one.order("b@example.com", "eu", "EUR", true, "PARTIALLY_REFUNDED", 0, 0, 20000, 5000,
					Instant.parse("2026-05-11T10:00:00Z"), null,
					new ReportSeed.Line("BELT", "Belt", 2, 10000, "0.2", 3333));
			one.refund(refunded, 5000, Instant.parse("2026-05-12T10:00:00Z"));
			one.order("c@example.com", "jp", "JPY", false, "PAID", 0, 0, 11000, 0,
					Instant.parse("2026-05-11T10:00:00Z"), null,
					new ReportSeed.Line("TEA", "Tea", 2, 5000, "0.1", 1000));
			one.order("d@example.com", "eu", "EUR", true, "PAID", 0, 0, 70000, 0, Instant.parse("2026-06-01T10:00:00Z"),
					null, new ReportSeed.Line("BAG", "Bag", 1, 70000, "0.2", 11667));
		}
		try (ReportSeed two = new ReportSeed(tenant("roll-two"), DATABASE)) {
			two.order("e@example.com", "eu", "EUR", true, "FULFILLED", 0, 0, 30000, 0,
					Instant.parse("2026-05-20T10:00:00Z"), null,
					new ReportSeed.Line("RING", "Ring", 1, 30000, "0.2", 5000));
		}
		try (ReportSeed broken = new ReportSeed(tenant("roll-broken"), DATABASE)) {
			broken.update("drop table refunds cascade");
		}
		assertThat(cli.run("tenant", "suspend", "roll-quiet").code()).isZero();
	}

	@AfterAll
	static void stop() {
		cli.close();
	}

	@Test
	void the_rollup_lists_each_tenant_per_currency_and_reports_a_broken_one_without_stopping() throws Exception {
		CliHarness.Run run = cli.run("report", "rollup", "--from", "2026-05-01", "--to", "2026-05-31", "--json");
		assertThat(run.code()).as("a tenant failed").isEqualTo(AtelierCli.FAILED);
		assertThat(run.err()).contains("error: tenant roll-broken:");
		JsonNode rollup = json.readTree(run.out());
		assertThat(rollup.get("tenants").toString())
			.isEqualTo("{\"total\":4,\"active\":3,\"suspended\":1,\"withOrders\":2,\"failed\":1}");
		assertThat(rollup.get("results")).hasSize(4);
		JsonNode broken = rollup.get("results").get(0);
		assertThat(broken.get("tenant").asString()).isEqualTo("roll-broken");
		assertThat(broken.get("error").asString()).isNotBlank();
		assertThat(rollup.get("results").get(1).get("figures").toString())
			.isEqualTo("[{\"currency\":\"EUR\",\"orders\":2,\"gmv\":\"1215.00\",\"refunds\":1,\"refunded\":\"50.00\"},"
					+ "{\"currency\":\"JPY\",\"orders\":1,\"gmv\":\"11000\",\"refunds\":0,\"refunded\":\"0\"}]");
		assertThat(rollup.get("results").get(2).get("status").asString()).isEqualTo("SUSPENDED");
		assertThat(rollup.get("results").get(2).get("figures")).isEmpty();
		assertThat(rollup.get("results").get(3).get("figures").get(0).get("gmv").asString()).isEqualTo("300.00");

		CliHarness.Run csv = cli.run("report", "rollup", "--from", "2026-05-01", "--to", "2026-06-30", "--csv");
		assertThat(csvField(csv)).as("the broken tenant's row carries its error").isNotBlank();
		assertThat(csv.out()).isEqualTo("tenant,status,currency,orders,gmv,refunds,refunded,error\r\n"
				+ "roll-broken,ACTIVE,,,,,," + csvField(csv) + "\r\n" + "roll-one,ACTIVE,EUR,3,1915.00,1,50.00,\r\n"
				+ "roll-one,ACTIVE,JPY,1,11000,0,0,\r\n" + "roll-quiet,SUSPENDED,,,,,,\r\n"
				+ "roll-two,ACTIVE,EUR,1,300.00,0,0.00,\r\n");

		CliHarness.Run table = cli.run("report", "rollup", "--from", "2026-06-01", "--to", "2026-06-01",
				"--parallelism", "1");
		assertThat(table.out()).contains("roll-one").contains("700.00").contains("4 tenants (3 active, 1 suspended)");
	}

	@Test
	void a_tenant_that_times_out_is_reported_and_the_others_still_count() throws Exception {
		try (ReportSeed two = new ReportSeed(tenant("roll-two"), DATABASE)) {
			java.sql.Connection locker = two.connection();
			locker.setAutoCommit(false);
			try (java.sql.Statement statement = locker.createStatement()) {
				// Every read of roll-two's orders waits behind this lock.
				statement.execute("lock table orders in access exclusive mode");
				long started = System.nanoTime();
				CliHarness.Run run = cli.run("report", "rollup", "--from", "2026-05-01", "--to", "2026-05-31", "--csv",
						"--timeout", "1");
				assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
					.isLessThan(java.time.Duration.ofSeconds(20));
				assertThat(run.code()).isEqualTo(AtelierCli.FAILED);
				assertThat(run.err())
					.contains("error: tenant roll-two: The tenant-totals report took longer than 1000 ms");
				assertThat(run.out()).contains("roll-one,ACTIVE,EUR,2,1215.00,1,50.00,\r\n")
					.contains("roll-two,ACTIVE,,,,,,The tenant-totals report took longer than 1000 ms");
			}
			finally {
				locker.rollback();
				locker.setAutoCommit(true);
			}
		}
	}

	@Test
	void bad_input_is_a_usage_error_that_changes_nothing() {
		CliHarness.Run badDate = cli.run("report", "rollup", "--from", "2026-13-01", "--to", "2026-05-31");
		assertThat(badDate.code()).isEqualTo(AtelierCli.INVALID);
		assertThat(badDate.err()).contains("--from must be a date as YYYY-MM-DD");
		CliHarness.Run backwards = cli.run("report", "rollup", "--from", "2026-05-31", "--to", "2026-05-01");
		assertThat(backwards.code()).isEqualTo(AtelierCli.INVALID);
		assertThat(backwards.err()).contains("--to must not be before --from");
		assertThat(cli.run("report", "rollup", "--from", "2026-05-01").code()).isEqualTo(AtelierCli.INVALID);
		assertThat(cli.run("report", "rollup", "--from", "2026-05-01", "--to", "2026-05-02", "--json", "--csv").code())
			.isEqualTo(AtelierCli.INVALID);
		assertThat(
				cli.run("report", "rollup", "--from", "2026-05-01", "--to", "2026-05-02", "--parallelism", "99").code())
			.isEqualTo(AtelierCli.INVALID);
		assertThat(cli.run("report").code()).isEqualTo(AtelierCli.INVALID);
		assertThat(cli.run("report", "rollup", "--help").code()).isZero();
	}

	/** The broken tenant's error, as its CSV row carries it. */
	private static String csvField(CliHarness.Run csv) {
		String line = csv.out().lines().filter((l) -> l.startsWith("roll-broken,")).findFirst().orElseThrow();
		return line.substring("roll-broken,ACTIVE,,,,,,".length());
	}

	private static Tenant tenant(String slug) {
		return cli.bean(TenantDirectory.class).findBySlug(new TenantSlug(slug)).orElseThrow();
	}

}

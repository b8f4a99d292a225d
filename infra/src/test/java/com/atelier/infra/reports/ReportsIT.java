package com.atelier.infra.reports;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import com.atelier.infra.identity.Browser;
import com.atelier.infra.orders.Commerce;
import com.atelier.infra.orders.CommerceTestSupport;
import com.atelier.platform.identity.Operators;
import com.atelier.platform.identity.Role;
import com.atelier.platform.orders.CancelReasons;
import com.atelier.platform.pricing.Market;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.reporting.ReportRange;
import com.atelier.reporting.reports.DailySummaries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reports over HTTP against seeded orders whose figures are worked out by hand:
 * several currencies, a partial refund, a paid-then-cancelled order, an unpaid cancelled
 * one, one awaiting payment, orders a second either side of midnight in the brand's time
 * zone. The same answers come from live queries, from the daily summaries, and again live
 * after an order event marks a summarized day stale. Another tenant's orders never
 * appear; the statement timeout is enforced; CSV is quoted, UTF-8 and guarded against
 * formulas.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportsIT extends CommerceTestSupport {

	static final String DB = "identity";

	/** 23:59:59 on 1 March in Paris (UTC+1). */
	static final Instant A_AT = Instant.parse("2026-03-01T22:59:59Z");

	/** 00:00:00 on 2 March in Paris, 23:00 on 1 March in UTC. */
	static final Instant B_AT = Instant.parse("2026-03-01T23:00:00Z");

	static final String RANGE = "from=2026-03-01&to=2026-03-03";

	static Tenant brand;

	static Tenant other;

	static UUID orderA;

	@Autowired
	DailySummaries summaries;

	@Autowired
	Operators operators;

	@BeforeEach
	void seedOnce() throws Exception {
		if (brand != null) {
			return;
		}
		brand = brand("reports");
		Commerce shop = commerce(brand);
		Market eu = shop.market("eu", "EUR", true, true, "FR", "0.2", "20.00");
		Market jp = shop.market("jp", "JPY", false, false, "JP", "0.1", "1000");
		shop.variant("coat", eu, "1000.00", 5);
		shop.variant("scarf", eu, "250.00", 2);
		shop.variant("belt", eu, "300.00", 10);
		shop.variant("tea", jp, "5000", 4);
		String owner = adminToken(brand, Role.OWNER);
		assertThat(browser(brand)
			.json("PATCH", "/admin/api/v1/brand", "{\"timeZone\":\"Europe/Paris\"}", "Authorization", "Bearer " + owner)
			.body()).contains("\"timeZone\":\"Europe/Paris\"");
		try (ReportSeed seed = new ReportSeed(brand, DB)) {
			orderA = seed.order("ann@example.com", "eu", "EUR", true, "PAID", 2000, 333, 102000, 0, A_AT, null,
					new ReportSeed.Line("COAT", "Coat, \"Aurèle\"", 1, 100000, "0.2", 16667));
			UUID b = seed.order("Ben@Example.com", "eu", "EUR", true, "PARTIALLY_REFUNDED", 0, 0, 50000, 10000, B_AT,
					null, new ReportSeed.Line("SCARF", "Scarf", 2, 25000, "0.2", 8333));
			seed.refund(b, 10000, Instant.parse("2026-03-03T10:00:00Z"));
			// A refund still waiting for the provider's answer: not counted.
			seed.update("insert into refunds (id, order_id, payment_id, amount_minor, reason, actor_type, actor_id,"
					+ " created_at, confirmed) select gen_random_uuid(), order_id, id, 500, 'held', 'OPERATOR', 'x',"
					+ " '2026-03-03T11:00:00Z', false from payments where order_id = ?", b);
			seed.order("carl@example.com", "eu", "EUR", true, "CANCELLED", 0, 0, 0, 0,
					Instant.parse("2026-03-02T12:00:00Z"), "reservation expired",
					new ReportSeed.Line("COAT", "Coat", 1, 100000, "0.2", 16667));
			UUID d = seed.order("ANN@example.com", "eu", "EUR", true, "CANCELLED", 0, 0, 30000, 30000,
					Instant.parse("2026-03-02T13:00:00Z"), "customer changed her mind",
					new ReportSeed.Line("BELT", "=Belt", 1, 30000, "0.2", 5000));
			seed.refund(d, 30000, Instant.parse("2026-03-02T14:00:00Z"));
			seed.order("fay@example.com", "eu", "EUR", true, "CANCELLED", 0, 0, 0, 0,
					Instant.parse("2026-03-02T15:00:00Z"), CancelReasons.PROVIDER_UNAVAILABLE,
					new ReportSeed.Line("BELT", "=Belt", 1, 30000, "0.2", 5000));
			seed.order("eve@example.com", "eu", "EUR", true, "PLACED", 0, 0, 0, 0,
					Instant.parse("2026-03-02T14:00:00Z"), null,
					new ReportSeed.Line("SCARF", "Scarf", 1, 25000, "0.2", 4167));
			seed.order("kei@example.com", "jp", "JPY", false, "FULFILLED", 1000, 100, 17600, 0,
					Instant.parse("2026-03-02T05:00:00Z"), null,
					new ReportSeed.Line("TEA", "Tea", 3, 5000, "0.1", 1500));
			seed.cart("eu", "CHECKED_OUT", Instant.parse("2026-03-02T09:00:00Z"), "COAT");
			seed.cart("eu", "OPEN", Instant.parse("2026-03-02T09:30:00Z"), "SCARF");
			seed.cart("eu", "OPEN", Instant.parse("2026-03-02T10:00:00Z"), null);
			seed.cart("eu", "MERGED", Instant.parse("2026-03-02T10:30:00Z"), "SCARF");
		}
		other = brand("reports-other");
		Commerce otherShop = commerce(other);
		Market otherEu = otherShop.market("eu", "EUR", true, true, "FR", "0.2", "20.00");
		otherShop.variant("coat", otherEu, "9999.00", 1);
		try (ReportSeed seed = new ReportSeed(other, DB)) {
			seed.order("zed@example.com", "eu", "EUR", true, "PAID", 0, 0, 999900, 0,
					Instant.parse("2026-03-02T10:00:00Z"), null,
					new ReportSeed.Line("COAT", "Other coat", 1, 999900, "0.2", 166650));
		}
	}

	@Test
	void the_sales_summary_adds_each_currency_apart_by_day_in_the_brands_time_zone() {
		String analyst = adminToken(brand, Role.ANALYST);
		List<String> daily = rows(report(brand, analyst, "sales-summary?" + RANGE));
		assertThat(daily).containsExactly(
				"2026-03-01|eu|EUR|1|1|1000.00|0.00|0.00|1000.00|20.00|170.00|1020.00|1000.00",
				"2026-03-02|eu|EUR|2|3|800.00|0.00|300.00|500.00|0.00|133.33|500.00|400.00",
				"2026-03-02|jp|JPY|1|3|15000|0|0|15000|1000|1600|17600|15000",
				"2026-03-03|eu|EUR|0|0|0.00|0.00|100.00|-100.00|0.00|0.00|-100.00|null");
		assertThat(rows(report(brand, analyst, "sales-summary?" + RANGE + "&period=month"))).containsExactly(
				"2026-03-01|eu|EUR|3|4|1800.00|0.00|400.00|1400.00|20.00|303.33|1420.00|600.00",
				"2026-03-01|jp|JPY|1|3|15000|0|0|15000|1000|1600|17600|15000");
		assertThat(rows(report(brand, analyst, "sales-summary?" + RANGE + "&currency=jpy")))
			.containsExactly("2026-03-02|jp|JPY|1|3|15000|0|0|15000|1000|1600|17600|15000");
		assertThat(rows(report(brand, analyst, "sales-summary?" + RANGE + "&market=jp&period=week")))
			.as("2 March 2026 is a Monday")
			.containsExactly("2026-03-02|jp|JPY|1|3|15000|0|0|15000|1000|1600|17600|15000");
		assertThat(rows(report(brand, analyst, "sales-summary?from=2026-03-02&to=2026-03-02&market=eu")))
			.as("the order at 00:00:00 Paris time is on the 2nd, the one a second earlier is not")
			.containsExactly("2026-03-02|eu|EUR|2|3|800.00|0.00|300.00|500.00|0.00|133.33|500.00|400.00");
	}

	/** Last: its refund of order A changes what later reports would say of ann. */
	@Test
	@Order(Integer.MAX_VALUE)
	void summaries_give_the_same_answers_as_live_queries_and_go_stale_when_an_order_changes() throws Exception {
		String analyst = adminToken(brand, Role.ANALYST);
		List<String> reports = List.of("sales-summary?" + RANGE, "sales-summary?" + RANGE + "&period=month",
				"top-products?" + RANGE, "top-products?" + RANGE + "&by=variant&rankBy=units",
				"sales-summary?" + RANGE + "&market=eu&currency=EUR");
		List<String> live = new ArrayList<>();
		for (String report : reports) {
			live.add(report(brand, analyst, report).toString());
		}
		int summarized = TenantContext.call(brand.ref(),
				() -> this.summaries.summarizeCurrentTenant(ReportRange.MAX_DAYS));
		assertThat(summarized).as("every closed day since the first order").isGreaterThanOrEqualTo(3);
		try (ReportSeed seed = new ReportSeed(brand, DB)) {
			assertThat(seed.count("select count(*) from report_days where day between '2026-03-01' and '2026-03-03'"
					+ " and stale_since is null and time_zone = 'Europe/Paris'"))
				.isEqualTo(3);
			assertThat(seed.count("select count(*) from report_sales_daily where day = '2026-03-02'")).isEqualTo(2);
			assertThat(seed.count(
					"select count(*) from report_days where day >= '" + LocalDate.now(ZoneId.of("Europe/Paris")) + "'"))
				.as("today, in the brand's zone, is never summarized")
				.isZero();
		}
		for (int i = 0; i < reports.size(); i++) {
			assertThat(report(brand, analyst, reports.get(i)).toString()).as(reports.get(i) + " from the summaries")
				.isEqualTo(live.get(i));
		}
		assertThat(TenantContext.call(brand.ref(), () -> this.summaries.summarizeCurrentTenant(ReportRange.MAX_DAYS)))
			.as("nothing left to do")
			.isZero();

		// A refund of order A (placed on 1 March) today: its event marks 1 March stale.
		String owner = adminToken(brand, Role.OWNER);
		HttpResponse<String> refund = browser(brand).json("POST", "/admin/api/v1/orders/" + orderA + "/refunds",
				"{\"amount\":\"10.00\",\"reason\":\"alteration\"}", "Authorization", "Bearer " + owner);
		assertThat(refund.statusCode()).as(refund.body()).isEqualTo(200);
		try (ReportSeed seed = new ReportSeed(brand, DB)) {
			await().atMost(Duration.ofSeconds(15))
				.until(() -> seed.count("select count(*) from report_days where day = '2026-03-01'"
						+ " and stale_since is not null") == 1);
		}
		for (int i = 0; i < reports.size(); i++) {
			assertThat(report(brand, analyst, reports.get(i)).toString()).as(reports.get(i) + " with 1 March live")
				.isEqualTo(live.get(i));
		}
		String today = LocalDate.now(ZoneId.of("Europe/Paris")).toString();
		assertThat(rows(report(brand, analyst, "sales-summary?from=" + today + "&to=" + today)))
			.containsExactly(today + "|eu|EUR|0|0|0.00|0.00|10.00|-10.00|0.00|0.00|-10.00|null");
		assertThat(TenantContext.call(brand.ref(), () -> this.summaries.summarizeCurrentTenant(ReportRange.MAX_DAYS)))
			.as("1 March again")
			.isEqualTo(1);
		assertThat(report(brand, analyst, reports.get(0)).toString()).isEqualTo(live.get(0));
	}

	@Test
	void a_new_time_zone_moves_orders_across_midnight_and_sets_summaries_aside() throws Exception {
		String owner = adminToken(brand, Role.OWNER);
		TenantContext.call(brand.ref(), () -> this.summaries.summarizeCurrentTenant(ReportRange.MAX_DAYS));
		try {
			assertThat(browser(brand)
				.json("PATCH", "/admin/api/v1/brand", "{\"timeZone\":\"UTC\"}", "Authorization", "Bearer " + owner)
				.statusCode()).isEqualTo(200);
			assertThat(rows(report(brand, owner, "sales-summary?from=2026-03-01&to=2026-03-01&market=eu")))
				.as("in UTC both orders A and B were placed on 1 March")
				.containsExactly("2026-03-01|eu|EUR|2|3|1500.00|0.00|0.00|1500.00|20.00|253.33|1520.00|750.00");
		}
		finally {
			browser(brand).json("PATCH", "/admin/api/v1/brand", "{\"timeZone\":\"Europe/Paris\"}", "Authorization",
					"Bearer " + owner);
		}
		try (ReportSeed seed = new ReportSeed(brand, DB)) {
			assertThat(seed.count("select count(*) from report_days d, brand_settings b"
					+ " where d.computed_at >= b.time_zone_changed_at and d.time_zone = 'Europe/Paris'"))
				.as("summaries made before the zone changed back are not trusted")
				.isZero();
		}
		assertThat(rows(report(brand, owner, "sales-summary?from=2026-03-01&to=2026-03-01&market=eu")))
			.containsExactly("2026-03-01|eu|EUR|1|1|1000.00|0.00|0.00|1000.00|20.00|170.00|1020.00|1000.00");
		HttpResponse<String> bad = browser(brand).json("PATCH", "/admin/api/v1/brand", "{\"timeZone\":\"+02:00\"}",
				"Authorization", "Bearer " + owner);
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("timeZone");
	}

	@Test
	void top_products_rank_per_currency_by_net_revenue_or_units() {
		String analyst = adminToken(brand, Role.ANALYST);
		JsonNode byRevenue = report(brand, analyst, "top-products?" + RANGE);
		assertThat(rows(byRevenue, "rank", "currency", "title", "units", "revenue")).containsExactly(
				"1|EUR|Coat, \"Aurèle\"|1|833.33", "2|EUR|Scarf|2|416.67", "3|EUR|=Belt|1|250.00", "1|JPY|Tea|3|15000");
		JsonNode byUnits = report(brand, analyst, "top-products?" + RANGE + "&rankBy=units&by=variant&limit=2");
		assertThat(rows(byUnits, "rank", "currency", "sku", "units", "revenue")).containsExactly("1|EUR|SCARF|2|416.67",
				"2|EUR|COAT|1|833.33", "1|JPY|TEA|3|15000");
	}

	@Test
	void inventory_funnel_and_customer_reports() {
		String analyst = adminToken(brand, Role.ANALYST);
		assertThat(rows(report(brand, analyst, "inventory"))).containsExactly("main|BELT|belt|belt|10|0|10",
				"main|COAT|coat|coat|5|0|5", "main|SCARF|scarf|scarf|2|0|2", "main|TEA|tea|tea|4|0|4");
		assertThat(rows(report(brand, analyst, "inventory?lowStock=true")))
			.containsExactly("main|SCARF|scarf|scarf|2|0|2");
		assertThat(rows(report(brand, analyst, "inventory?lowStock=true&threshold=4")))
			.containsExactly("main|SCARF|scarf|scarf|2|0|2", "main|TEA|tea|tea|4|0|4");

		assertThat(rows(report(brand, analyst, "funnel?" + RANGE))).containsExactly("eu|3|6|3|1|1|1|1|2|1",
				"jp|0|1|1|0|0|0|0|null|null");

		assertThat(rows(report(brand, analyst, "customers?" + RANGE))).containsExactly("2026-03-01|1|0|1|0",
				"2026-03-02|2|1|2|1");
		assertThat(rows(report(brand, analyst, "customer-cohorts?" + RANGE)))
			.containsExactly("2026-03-01|2026-03-01|0|3|4");
		assertThat(rows(report(brand, analyst, "top-customers?" + RANGE))).containsExactly(
				"1|ann@example.com|EUR|2|1020.00|2026-03-01|2026-03-02",
				"2|ben@example.com|EUR|1|400.00|2026-03-02|2026-03-02",
				"1|kei@example.com|JPY|1|17600|2026-03-02|2026-03-02");
	}

	@Test
	void another_tenants_orders_never_appear() {
		String analyst = adminToken(brand, Role.ANALYST);
		String everything = report(brand, analyst, "sales-summary?" + RANGE).toString()
				+ report(brand, analyst, "top-products?" + RANGE + "&by=variant")
				+ report(brand, analyst, "top-customers?" + RANGE) + report(brand, analyst, "inventory");
		assertThat(everything).doesNotContain("9999").doesNotContain("zed@").doesNotContain("Other coat");
		String otherAnalyst = adminToken(other, Role.ANALYST);
		assertThat(rows(report(other, otherAnalyst, "sales-summary?" + RANGE)))
			.containsExactly("2026-03-02|eu|EUR|1|1|9999.00|0.00|0.00|9999.00|0.00|1666.50|9999.00|9999.00");
		assertThat(
				browser(other).get("/admin/api/v1/reports/sales-summary?" + RANGE, "Authorization", "Bearer " + analyst)
					.statusCode())
			.as("a token of one brand at another's host")
			.isEqualTo(401);
	}

	@Test
	void csv_is_streamed_quoted_utf8_and_safe_to_open_in_a_spreadsheet() {
		String analyst = adminToken(brand, Role.ANALYST);
		HttpResponse<String> csv = browser(brand).get("/admin/api/v1/reports/top-products?" + RANGE, "Authorization",
				"Bearer " + analyst, "Accept", "text/csv");
		assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/csv").containsIgnoringCase("charset=UTF-8"));
		assertThat(csv.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"top-products.csv\"");
		assertThat(csv.body()).isEqualTo("rank,currency,productId,title,units,revenue\r\n" + "1,EUR,"
				+ productId("COAT") + ",\"Coat, \"\"Aurèle\"\"\",1,833.33\r\n" + "2,EUR," + productId("SCARF")
				+ ",Scarf,2,416.67\r\n" + "3,EUR," + productId("BELT") + ",'=Belt,1,250.00\r\n" + "1,JPY,"
				+ productId("TEA") + ",Tea,3,15000\r\n");
		HttpResponse<byte[]> raw = browser(brand).getBytes(
				"/admin/api/v1/reports/sales-summary?" + RANGE + "&format=csv&period=month", "Authorization",
				"Bearer " + analyst);
		String decoded = new String(raw.body(), StandardCharsets.UTF_8);
		assertThat(decoded)
			.startsWith("period,market,currency,orders,units,gross,discounts,refunds,net,shipping,"
					+ "tax,total,averageOrderValue\r\n")
			.contains("2026-03-01,eu,EUR,3,4,1800.00,0.00,400.00,1400.00,20.00,303.33,1420.00,600.00\r\n");
		assertThat(new String(browser(brand)
			.getBytes("/admin/api/v1/reports/top-products?" + RANGE + "&format=csv", "Authorization",
					"Bearer " + analyst)
			.body(), StandardCharsets.UTF_8)).contains("Aurèle");
	}

	@Test
	void bad_parameters_and_missing_permissions_are_problems() {
		String analyst = adminToken(brand, Role.ANALYST);
		Browser admin = browser(brand);
		assertProblem(
				admin.get("/admin/api/v1/reports/sales-summary?from=2026-02-30", "Authorization", "Bearer " + analyst),
				400, "from");
		assertProblem(admin.get("/admin/api/v1/reports/sales-summary?from=2026-03-02&to=2026-03-01", "Authorization",
				"Bearer " + analyst), 400, "to");
		assertProblem(
				admin.get("/admin/api/v1/reports/sales-summary?period=year", "Authorization", "Bearer " + analyst), 400,
				"period");
		assertProblem(admin.get("/admin/api/v1/reports/sales-summary?from=2026-03-01;drop", "Authorization",
				"Bearer " + analyst), 400, "from");
		assertProblem(admin.get("/admin/api/v1/reports/sales-summary?colour=red", "Authorization", "Bearer " + analyst),
				400, "colour");
		assertProblem(admin.get("/admin/api/v1/reports/sales-summary?market=%27%20or%201%3D1%20--", "Authorization",
				"Bearer " + analyst), 400, "market");
		assertProblem(admin.get("/admin/api/v1/reports/top-products?limit=0", "Authorization", "Bearer " + analyst),
				400, "limit");
		assertProblem(admin.get("/admin/api/v1/reports/profit", "Authorization", "Bearer " + analyst), 404, "profit");
		assertProblem(
				admin.get("/admin/api/v1/reports/sales-summary?format=xlsx", "Authorization", "Bearer " + analyst), 400,
				"format");
		assertThat(admin
			.get("/admin/api/v1/reports/sales-summary", "Authorization",
					"Bearer " + adminToken(brand, Role.FULFILLMENT))
			.statusCode()).as("reports:read").isEqualTo(403);
		assertThat(admin.get("/admin/api/v1/reports/sales-summary").statusCode()).isEqualTo(401);
		JsonNode index = Commerce.json(admin.get("/admin/api/v1/reports", "Authorization", "Bearer " + analyst));
		assertThat(index.get("reports")).hasSize(7);
	}

	@Test
	void the_statement_timeout_cancels_a_report_and_says_so() throws Exception {
		String owner = adminToken(brand, Role.OWNER);
		String analyst = adminToken(brand, Role.ANALYST);
		Browser admin = browser(brand);
		assertThat(admin
			.json("PATCH", "/admin/api/v1/report-settings", "{\"statementTimeoutMs\":200}", "Authorization",
					"Bearer " + analyst)
			.statusCode()).as("changing it needs brand:write").isEqualTo(403);
		assertProblem(admin.json("PATCH", "/admin/api/v1/report-settings", "{\"statementTimeoutMs\":50}",
				"Authorization", "Bearer " + owner), 400, "statementTimeoutMs");
		assertThat(admin
			.json("PATCH", "/admin/api/v1/report-settings", "{\"statementTimeoutMs\":200}", "Authorization",
					"Bearer " + owner)
			.body()).isEqualTo("{\"statementTimeoutMs\":200}");
		try (ReportSeed seed = new ReportSeed(brand, DB)) {
			Connection locker = seed.connection();
			locker.setAutoCommit(false);
			try (Statement statement = locker.createStatement()) {
				// Holds the orders table so that any query of it waits.
				statement.execute("lock table orders in access exclusive mode");
				long started = System.nanoTime();
				HttpResponse<String> slow = admin.get(
						"/admin/api/v1/reports/sales-summary?from=2025-01-01&to=2025-01-31", "Authorization",
						"Bearer " + analyst);
				long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
				assertProblem(slow, 503, "200 ms");
				assertThat(Commerce.json(slow).get("type").asString())
					.isEqualTo("urn:atelier:problem:report-timed-out");
				assertThat(millis).as("cancelled at the timeout, not after").isLessThan(5000);
			}
			finally {
				locker.rollback();
				locker.setAutoCommit(true);
			}
		}
		finally {
			admin.json("PATCH", "/admin/api/v1/report-settings", "{\"statementTimeoutMs\":30000}", "Authorization",
					"Bearer " + owner);
		}
		assertThat(admin.get("/admin/api/v1/reports/sales-summary?" + RANGE, "Authorization", "Bearer " + analyst)
			.statusCode()).isEqualTo(200);
	}

	@Test
	void operators_roll_up_every_tenant_per_currency() {
		String token = this.operators.create("ops-" + UUID.randomUUID().toString().substring(0, 8));
		Browser api = new Browser(this.port, "localhost");
		HttpResponse<String> response = api.get("/platform/api/v1/reports/rollup?" + RANGE, "Authorization",
				"Bearer " + token);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode rollup = Commerce.json(response);
		JsonNode mine = null;
		JsonNode theirs = null;
		for (JsonNode tenant : rollup.get("results")) {
			if (tenant.get("tenant").asString().equals(brand.slug().value())) {
				mine = tenant;
			}
			if (tenant.get("tenant").asString().equals(other.slug().value())) {
				theirs = tenant;
			}
		}
		assertThat(mine).isNotNull();
		assertThat(mine.get("figures").toString()).isEqualTo("[{\"currency\":\"EUR\",\"orders\":3,\"gmv\":\"1820.00\","
				+ "\"refunds\":2,\"refunded\":\"400.00\"},{\"currency\":\"JPY\",\"orders\":1,\"gmv\":\"17600\","
				+ "\"refunds\":0,\"refunded\":\"0\"}]");
		assertThat(theirs.get("figures").get(0).get("gmv").asString()).isEqualTo("9999.00");
		assertThat(rollup.get("tenants").get("withOrders").asInt()).isGreaterThanOrEqualTo(2);
		assertThat(rollup.get("tenants").get("failed").asInt()).isZero();
		HttpResponse<String> csv = api.get("/platform/api/v1/reports/rollup?" + RANGE, "Authorization",
				"Bearer " + token, "Accept", "text/csv");
		assertThat(csv.body()).startsWith("tenant,status,currency,orders,gmv,refunds,refunded,error\r\n")
			.contains(brand.slug().value() + ",ACTIVE,EUR,3,1820.00,2,400.00,\r\n");
		assertProblem(api.get("/platform/api/v1/reports/rollup?from=2026-03-01", "Authorization", "Bearer " + token),
				400, "to");
		assertThat(api
			.get("/platform/api/v1/reports/rollup?" + RANGE, "Authorization", "Bearer " + adminToken(brand, Role.OWNER))
			.statusCode()).as("brand tokens are not operator tokens").isEqualTo(401);
	}

	private String productId(String sku) {
		try (ReportSeed seed = new ReportSeed(brand, DB)) {
			return seed.productOf(sku).toString();
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private JsonNode report(Tenant tenant, String token, String pathAndQuery) {
		HttpResponse<String> response = browser(tenant).get("/admin/api/v1/reports/" + pathAndQuery, "Authorization",
				"Bearer " + token);
		assertThat(response.statusCode()).as(pathAndQuery + ": " + response.body()).isEqualTo(200);
		return Commerce.json(response);
	}

	/** Every row as its values joined by {@code |}, in column order. */
	private static List<String> rows(JsonNode report) {
		List<String> names = new ArrayList<>();
		report.get("columns").forEach((column) -> names.add(column.get("name").asString()));
		return rows(report, names.toArray(String[]::new));
	}

	private static List<String> rows(JsonNode report, String... columns) {
		List<String> rows = new ArrayList<>();
		for (JsonNode row : report.get("rows")) {
			List<String> values = new ArrayList<>();
			for (String column : columns) {
				JsonNode value = row.get(column);
				values.add(value.isNull() ? "null" : value.asString());
			}
			rows.add(String.join("|", values));
		}
		return rows;
	}

	private static void assertProblem(HttpResponse<String> response, int status, String mentioned) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains(mentioned);
	}

}

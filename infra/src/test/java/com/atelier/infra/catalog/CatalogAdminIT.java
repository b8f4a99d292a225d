package com.atelier.infra.catalog;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.atelier.infra.identity.Browser;
import com.atelier.infra.identity.IdentityTestSupport;
import com.atelier.platform.identity.Role;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API for products, collections, markets, prices and stock: validation,
 * idempotency, exact money, the Omnibus price, audit, roles, and tenant isolation.
 */
class CatalogAdminIT extends IdentityTestSupport {

	static final String SCARF = """
			{"handle":"carre-aurore","title":"Carré Aurore","description":"Soie, 90 cm","status":"ACTIVE",
			 "vendor":"Maison","attributes":{"material":"silk"},
			 "media":[{"url":"https://images.example/carre.jpg","altText":"Carré"}],
			 "options":[{"name":"Colour","values":["Noir","Ivoire"]}],
			 "variants":[{"sku":"CARRE-NOIR","optionValues":["Noir"],"weightGrams":120},
			             {"sku":"CARRE-IVOIRE","optionValues":["Ivoire"],"weightGrams":120}],
			 "translations":{"en":{"title":"Aurora scarf","description":"Silk, 90 cm"}}}
			""";

	@Test
	void products_are_created_read_listed_and_changed() {
		Tenant brand = brand("admin");
		String token = adminToken(brand, Role.MERCHANDISER);
		Browser api = browser(brand);

		HttpResponse<String> created = post(api, "/admin/api/v1/products", SCARF, token);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode product = Browser.JSON.readTree(created.body());
		String id = product.get("id").asString();
		assertThat(created.headers().firstValue("Location")).hasValue("/admin/api/v1/products/" + id);
		assertThat(product.at("/variants/1/sku").asString()).isEqualTo("CARRE-IVOIRE");
		assertThat(product.at("/variants/1/title").asString()).isEqualTo("Ivoire");
		assertThat(product.at("/translations/en/title").asString()).isEqualTo("Aurora scarf");

		HttpResponse<String> patched = api.json("PATCH", "/admin/api/v1/products/" + id,
				"{\"title\":\"Carré Aurore II\",\"status\":\"ARCHIVED\"}", "Authorization", "Bearer " + token);
		assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
		assertThat(patched.body()).contains("Carré Aurore II").contains("ARCHIVED");

		HttpResponse<String> variant = post(api, "/admin/api/v1/products/" + id + "/variants",
				"{\"sku\":\"CARRE-NOIR-2\",\"optionValues\":[\"Noir\"]}", token);
		assertThat(variant.statusCode()).as("same option values as another variant").isEqualTo(400);

		for (int i = 0; i < 3; i++) {
			post(api, "/admin/api/v1/products",
					SCARF.replace("carre-aurore", "carre-" + i).replace("CARRE-", "C" + i + "-"), token);
		}
		JsonNode first = Browser.JSON.readTree(api.bearer("GET", "/admin/api/v1/products?limit=2", token).body());
		assertThat(first.get("items")).hasSize(2);
		JsonNode second = Browser.JSON
			.readTree(api.bearer("GET", "/admin/api/v1/products?limit=2&after=" + first.get("next").asString(), token)
				.body());
		assertThat(second.get("items")).hasSize(2);
		assertThat(second.get("next").isNull()).isTrue();
		assertThat(Browser.JSON.readTree(api.bearer("GET", "/admin/api/v1/products?status=ARCHIVED", token).body())
			.get("items")).hasSize(1);
	}

	@Test
	void invalid_products_are_refused_field_by_field_and_nothing_is_created() {
		Tenant brand = brand("invalid");
		String token = adminToken(brand, Role.ADMIN);
		Browser api = browser(brand);
		HttpResponse<String> bad = post(api, "/admin/api/v1/products", """
				{"handle":"Not A Handle","title":"","options":[{"name":"Size","values":["S","S"]}],
				 "variants":[{"sku":"bad sku!","optionValues":["XL"]}],
				 "media":[{"url":"javascript:alert(1)"}],"translations":{"xx_YY":{"title":"x"}}}
				""", token);
		assertThat(bad.statusCode()).isEqualTo(400);
		JsonNode problem = Browser.JSON.readTree(bad.body());
		assertThat(problem.get("type").asString()).isEqualTo("urn:atelier:problem:invalid-request");
		assertThat(problem.get("errors").valueStream().map((e) -> e.get("field").asString())).contains("handle",
				"title", "options[0].values", "variants[0].sku", "variants[0].optionValues[0]", "media[0].url",
				"translations.xx_YY");
		assertThat(Browser.JSON.readTree(api.bearer("GET", "/admin/api/v1/products", token).body()).get("items"))
			.isEmpty();

		assertThat(post(api, "/admin/api/v1/products", SCARF, token).statusCode()).isEqualTo(201);
		HttpResponse<String> handle = post(api, "/admin/api/v1/products", SCARF.replace("CARRE-", "X-"), token);
		assertThat(handle.statusCode()).isEqualTo(409);
		assertThat(handle.body()).contains("urn:atelier:problem:handle-taken");
		HttpResponse<String> sku = post(api, "/admin/api/v1/products", SCARF.replace("carre-aurore", "other"), token);
		assertThat(sku.statusCode()).isEqualTo(409);
		assertThat(sku.body()).contains("urn:atelier:problem:sku-taken");

		HttpResponse<String> sameLanguageTwice = post(api, "/admin/api/v1/products",
				SCARF.replace("carre-aurore", "twice")
					.replace("CARRE-", "T-")
					.replace("\"translations\":{",
							"\"translations\":{\"de-DE\":{\"title\":\"a\"},\"de-de\":{\"title\":\"b\"},"),
				token);
		assertThat(sameLanguageTwice.statusCode()).as(sameLanguageTwice.body()).isEqualTo(400);
		assertThat(sameLanguageTwice.body()).contains("same language");
		String badDate = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("x\u001fy".getBytes());
		HttpResponse<String> badCursor = api.bearer("GET", "/admin/api/v1/products?after=" + badDate, token);
		assertThat(badCursor.statusCode()).as(badCursor.body()).isEqualTo(400);
		assertThat(badCursor.body()).contains("\"field\":\"after\"");
	}

	@Test
	void an_idempotency_key_replays_the_first_response_and_refuses_another_body() throws Exception {
		Tenant brand = brand("idem");
		String token = adminToken(brand, Role.ADMIN);
		Browser api = browser(brand);
		String key = UUID.randomUUID().toString();
		HttpResponse<String> first = api.json("POST", "/admin/api/v1/products", SCARF, "Authorization",
				"Bearer " + token, "Idempotency-Key", key);
		HttpResponse<String> again = api.json("POST", "/admin/api/v1/products", SCARF, "Authorization",
				"Bearer " + token, "Idempotency-Key", key);
		assertThat(first.statusCode()).isEqualTo(201);
		assertThat(again.statusCode()).isEqualTo(201);
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
		assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(Browser.JSON.readTree(api.bearer("GET", "/admin/api/v1/products", token).body()).get("items"))
			.hasSize(1);

		HttpResponse<String> other = api.json("POST", "/admin/api/v1/products", SCARF.replace("Aurore", "Minuit"),
				"Authorization", "Bearer " + token, "Idempotency-Key", key);
		assertThat(other.statusCode()).isEqualTo(422);
		assertThat(other.body()).contains("urn:atelier:problem:idempotency-key-reused");

		String inFlight = UUID.randomUUID().toString();
		try (Connection connection = TestDatabase.database("identity").connect();
				Statement statement = connection.createStatement()) {
			// What another node would have written when it started the same request.
			java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
			digest.update("POST /admin/api/v1/products?\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
			digest.update(SCARF.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			String hash = java.util.HexFormat.of().formatHex(digest.digest());
			statement.execute("insert into " + brand.schema().quoted()
					+ ".idempotency_keys (client_id, idempotency_key," + " request_hash, state) values ('"
					+ claims(token).get("sub").asString() + "', '" + inFlight + "', '" + hash + "', 'IN_FLIGHT')");
		}
		HttpResponse<String> busy = api.json("POST", "/admin/api/v1/products", SCARF, "Authorization",
				"Bearer " + token, "Idempotency-Key", inFlight);
		assertThat(busy.statusCode()).isEqualTo(409);
		assertThat(busy.body()).contains("urn:atelier:problem:idempotency-key-in-flight");

		HttpResponse<String> anotherClient = api.json("POST", "/admin/api/v1/products",
				SCARF.replace("carre-aurore", "carre-b").replace("CARRE-", "B-"), "Authorization",
				"Bearer " + adminToken(brand, Role.OWNER), "Idempotency-Key", key);
		assertThat(anotherClient.statusCode()).as("keys are per client").isEqualTo(201);
	}

	@Test
	void another_tenants_staff_get_404_on_this_tenants_products() {
		Tenant a = brand("own");
		Tenant b = brand("other");
		String id = Browser.JSON
			.readTree(post(browser(a), "/admin/api/v1/products", SCARF, adminToken(a, Role.ADMIN)).body())
			.get("id")
			.asString();
		String tokenB = adminToken(b, Role.OWNER);
		HttpResponse<String> missing = browser(b).bearer("GET", "/admin/api/v1/products/" + id, tokenB);
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.body()).contains("urn:atelier:problem:not-found");
		assertThat(browser(b)
			.json("PATCH", "/admin/api/v1/products/" + id, "{\"title\":\"Mine\"}", "Authorization", "Bearer " + tokenB)
			.statusCode()).isEqualTo(404);
		assertThat(browser(a).bearer("GET", "/admin/api/v1/products/" + id, tokenB).statusCode()).isEqualTo(401);
	}

	@Test
	void prices_are_exact_in_every_currency_derived_only_on_request_and_remember_30_days() {
		Tenant brand = brand("money");
		String token = adminToken(brand, Role.ADMIN);
		Browser api = browser(brand);
		post(api, "/admin/api/v1/products", SCARF, token);
		String eu = market(api, token,
				"{\"handle\":\"eu\",\"name\":\"Europe\",\"currency\":\"EUR\",\"countries\":[\"FR\"],"
						+ "\"pricesIncludeTax\":true}");
		String jp = market(api, token,
				"{\"handle\":\"jp\",\"name\":\"Japan\",\"currency\":\"JPY\",\"countries\":[\"JP\"]}");
		String bh = market(api, token,
				"{\"handle\":\"bh\",\"name\":\"Bahrain\",\"currency\":\"BHD\",\"countries\":[\"BH\"]}");

		HttpResponse<String> bhd = api.json("PUT", "/admin/api/v1/markets/" + bh + "/prices",
				"{\"prices\":[{\"sku\":\"CARRE-NOIR\",\"amount\":\"512.345\"},{\"sku\":\"CARRE-IVOIRE\",\"amount\":\"0.005\"}]}",
				"Authorization", "Bearer " + token);
		assertThat(bhd.statusCode()).as(bhd.body()).isEqualTo(200);
		assertThat(bhd.body()).contains("\"amount\":\"512.345\",\"currency\":\"BHD\"")
			.contains("\"amount\":\"0.005\",\"currency\":\"BHD\"");

		HttpResponse<String> tooPrecise = api.json("PUT", "/admin/api/v1/markets/" + jp + "/prices",
				"{\"prices\":[{\"sku\":\"CARRE-NOIR\",\"amount\":\"33000.5\"},{\"sku\":\"NOPE\",\"amount\":\"1\"}]}",
				"Authorization", "Bearer " + token);
		assertThat(tooPrecise.statusCode()).isEqualTo(400);
		assertThat(tooPrecise.body()).contains("prices[0].amount")
			.contains("0 decimal places")
			.contains("prices[1].variant");

		assertThat(api.json("PUT", "/admin/api/v1/markets/" + eu + "/prices",
				"{\"prices\":[{\"sku\":\"CARRE-NOIR\",\"amount\":\"1249.50\"},{\"sku\":\"CARRE-IVOIRE\",\"amount\":\"1300\"}]}",
				"Authorization", "Bearer " + token)
			.statusCode()).isEqualTo(200);
		assertThat(Browser.JSON.readTree(api.bearer("GET", "/admin/api/v1/markets/" + jp + "/prices", token).body())
			.get("items")).as("nothing is converted silently").isEmpty();
		for (String rate : List.of("1E-999999999", "1E+30", "0.1234567890123", "-1")) {
			HttpResponse<String> refused = api.json("POST", "/admin/api/v1/markets/" + jp + "/prices/derive",
					"{\"baseMarketId\":\"" + eu + "\",\"rate\":\"" + rate + "\"}", "Authorization", "Bearer " + token);
			assertThat(refused.statusCode()).as(rate + ": " + refused.body()).isEqualTo(400);
			assertThat(refused.body()).contains("\"field\":\"rate\"");
		}
		HttpResponse<String> derived = api.json("POST", "/admin/api/v1/markets/" + jp + "/prices/derive",
				"{\"baseMarketId\":\"" + eu
						+ "\",\"rate\":\"162.37\",\"rounding\":{\"increment\":\"100\",\"mode\":\"HALF_UP\"}}",
				"Authorization", "Bearer " + token);
		assertThat(derived.statusCode()).as(derived.body()).isEqualTo(200);
		// 1249.50 × 162.37 = 202881.315 → 202900; 1300 × 162.37 = 211081 → 211100
		assertThat(derived.body())
			.contains("\"sku\":\"CARRE-NOIR\",\"price\":{\"amount\":\"202900\",\"currency\":\"JPY\"}")
			.contains("\"sku\":\"CARRE-IVOIRE\",\"price\":{\"amount\":\"211100\",\"currency\":\"JPY\"}");

		HttpResponse<String> reduced = api.json("PUT", "/admin/api/v1/markets/" + eu + "/prices",
				"{\"prices\":[{\"sku\":\"CARRE-NOIR\",\"amount\":\"999.00\"}]}", "Authorization", "Bearer " + token);
		JsonNode price = Browser.JSON.readTree(reduced.body()).at("/items/0");
		assertThat(price.at("/price/amount").asString()).isEqualTo("999.00");
		assertThat(price.at("/lowest30Days/amount").asString()).isEqualTo("1249.50");
		assertThat(price.get("reduced").asBoolean()).isTrue();
		JsonNode storefront = Browser.JSON.readTree(
				new Browser(this.port, brand.localHost()).get("/storefront/api/v1/products/carre-aurore?market=eu")
					.body());
		assertThat(storefront.at("/variants/0/price/amount").asString()).isEqualTo("999.00");
		assertThat(storefront.at("/variants/0/lowestPrice30Days/amount").asString()).isEqualTo("1249.50");
		assertThat(storefront.at("/variants/1/lowestPrice30Days").isNull()).as("not reduced, nothing shown").isTrue();
		JsonNode bahrain = Browser.JSON.readTree(
				new Browser(this.port, brand.localHost()).get("/storefront/api/v1/products/carre-aurore?market=bh")
					.body());
		assertThat(bahrain.at("/variants/0/price/amount").asString()).isEqualTo("512.345");
		assertThat(bahrain.at("/variants/1/price/amount").asString()).isEqualTo("0.005");
	}

	@Test
	void stock_changes_by_adjustment_never_below_zero_and_each_is_audited() throws Exception {
		Tenant brand = brand("stock");
		String token = adminToken(brand, Role.OWNER);
		String fulfillment = adminToken(brand, Role.FULFILLMENT);
		Browser api = browser(brand);
		String variant = Browser.JSON.readTree(post(api, "/admin/api/v1/products", SCARF, token).body())
			.at("/variants/0/id")
			.asString();
		String location = Browser.JSON
			.readTree(post(api, "/admin/api/v1/stock-locations", "{\"handle\":\"paris\",\"name\":\"Paris\"}", token)
				.body())
			.get("id")
			.asString();
		HttpResponse<String> received = post(api, "/admin/api/v1/inventory/adjustments", "{\"variantId\":\"" + variant
				+ "\",\"locationId\":\"" + location + "\",\"delta\":5,\"reason\":\"received\"}", fulfillment);
		assertThat(received.statusCode()).as(received.body()).isEqualTo(201);
		assertThat(received.body()).contains("\"onHand\":5").contains("\"available\":5");
		HttpResponse<String> overdraw = post(api, "/admin/api/v1/inventory/adjustments", "{\"variantId\":\"" + variant
				+ "\",\"locationId\":\"" + location + "\",\"delta\":-6,\"reason\":\"damaged\"}", fulfillment);
		assertThat(overdraw.statusCode()).isEqualTo(409);
		assertThat(overdraw.body()).contains("urn:atelier:problem:insufficient-stock");
		assertThat(post(api, "/admin/api/v1/inventory/adjustments",
				"{\"variantId\":\"" + variant + "\",\"locationId\":\"" + location + "\",\"delta\":-2}", fulfillment)
			.statusCode()).as("a reason is required").isEqualTo(400);
		JsonNode levels = Browser.JSON
			.readTree(api.bearer("GET", "/admin/api/v1/inventory?variantId=" + variant, fulfillment).body());
		assertThat(levels.at("/items/0/onHand").asInt()).isEqualTo(5);
		try (Connection connection = TestDatabase.database("identity").connect();
				Statement statement = connection.createStatement()) {
			statement.execute("update \"" + brand.schema().name() + "\".stock_levels set on_hand = 2147000000");
		}
		HttpResponse<String> overflow = post(api, "/admin/api/v1/inventory/adjustments", "{\"variantId\":\"" + variant
				+ "\",\"locationId\":\"" + location + "\",\"delta\":1000000,\"reason\":\"received\"}", fulfillment);
		assertThat(overflow.statusCode()).as(overflow.body()).isEqualTo(400);
		try (Connection connection = TestDatabase.database("identity").connect();
				Statement statement = connection.createStatement()) {
			statement.execute("update \"" + brand.schema().name() + "\".stock_levels set on_hand = 5");
		}
		JsonNode audit = Browser.JSON.readTree(api.bearer("GET", "/admin/api/v1/audit-events?limit=1", token).body());
		assertThat(audit.at("/items/0/action").asString()).isEqualTo("stock.adjusted");
		assertThat(audit.at("/items/0/actor/type").asString()).isEqualTo("staff");
		assertThat(audit.at("/items/0/after/reason").asString()).isEqualTo("received");

		assertThat(post(api, "/admin/api/v1/products", SCARF.replace("carre-aurore", "x").replace("CARRE-", "X-"),
				fulfillment)
			.statusCode()).as("fulfillment does not edit the catalogue").isEqualTo(403);
		String analyst = adminToken(brand, Role.ANALYST);
		assertThat(api.bearer("GET", "/admin/api/v1/products", analyst).statusCode()).isEqualTo(200);
		assertThat(
				post(api, "/admin/api/v1/stock-locations", "{\"handle\":\"x\",\"name\":\"X\"}", analyst).statusCode())
			.isEqualTo(403);
	}

	@Test
	void concurrent_withdrawals_never_take_stock_below_zero() throws Exception {
		Tenant brand = brand("race");
		String token = adminToken(brand, Role.OWNER);
		Browser api = browser(brand);
		String variant = Browser.JSON.readTree(post(api, "/admin/api/v1/products", SCARF, token).body())
			.at("/variants/0/id")
			.asString();
		String location = Browser.JSON
			.readTree(post(api, "/admin/api/v1/stock-locations", "{\"handle\":\"milan\",\"name\":\"Milan\"}", token)
				.body())
			.get("id")
			.asString();
		String body = "{\"variantId\":\"" + variant + "\",\"locationId\":\"" + location
				+ "\",\"delta\":%d,\"reason\":\"%s\"}";
		assertThat(post(api, "/admin/api/v1/inventory/adjustments", body.formatted(10, "received"), token).statusCode())
			.isEqualTo(201);
		int attempts = 24;
		ExecutorService pool = Executors.newFixedThreadPool(12);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Integer>> statuses = new ArrayList<>();
			for (int i = 0; i < attempts; i++) {
				statuses.add(pool.submit(() -> {
					start.await();
					return post(browser(brand), "/admin/api/v1/inventory/adjustments", body.formatted(-1, "sold"),
							token)
						.statusCode();
				}));
			}
			start.countDown();
			List<Integer> results = new ArrayList<>();
			for (Future<Integer> status : statuses) {
				results.add(status.get(60, TimeUnit.SECONDS));
			}
			assertThat(results).filteredOn((s) -> s == 201).hasSize(10);
			assertThat(results).filteredOn((s) -> s == 409).hasSize(attempts - 10);
		}
		finally {
			pool.shutdownNow();
		}
		JsonNode levels = Browser.JSON
			.readTree(api.bearer("GET", "/admin/api/v1/inventory?variantId=" + variant, token).body());
		assertThat(levels.at("/items/0/onHand").asInt()).isZero();
		assertThat(levels.at("/items/0/available").asInt()).isZero();
	}

	private static String market(Browser api, String token, String body) {
		HttpResponse<String> response = post(api, "/admin/api/v1/markets", body, token);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return Browser.JSON.readTree(response.body()).get("id").asString();
	}

	private static HttpResponse<String> post(Browser api, String path, String body, String token) {
		return api.json("POST", path, body, "Authorization", "Bearer " + token);
	}

}

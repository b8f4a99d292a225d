package com.atelier.infra.web;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import com.atelier.infra.identity.Browser;
import com.atelier.infra.orders.Commerce;
import com.atelier.infra.orders.CommerceTestSupport;
import com.atelier.platform.identity.Actor;
import com.atelier.platform.identity.Operators;
import com.atelier.platform.identity.Role;
import com.atelier.platform.pricing.Market;
import com.atelier.platform.ratelimit.Limit;
import com.atelier.platform.ratelimit.RateLimitRule;
import com.atelier.platform.ratelimit.TenantRateLimits;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.testing.TestDatabase;
import com.atelier.testing.TestTenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rate limits that hold across nodes, a brand's own limits set by operators, and the
 * fairness shares of a node's workers and connections. The shared test application runs
 * without limits; these tests start nodes of their own on the same database, with small
 * limits.
 */
class RateLimitIT extends CommerceTestSupport {

	/**
	 * Two nodes with small limits, reconciling every token, whose brands may each have
	 * two requests in progress.
	 */
	private static ConfigurableApplicationContext limitedA;

	private static ConfigurableApplicationContext limitedB;

	@Autowired
	Operators operators;

	@Autowired
	TenantRateLimits tenantLimits;

	@AfterAll
	static void stopNodes() {
		for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] { limitedA, limitedB }) {
			if (node != null) {
				node.close();
			}
		}
	}

	private static synchronized int limitedA() {
		if (limitedA == null) {
			limitedA = startNode(limited());
		}
		return port(limitedA);
	}

	private static synchronized int limitedB() {
		if (limitedB == null) {
			limitedB = startNode(limited());
		}
		return port(limitedB);
	}

	private static String[] limited() {
		return new String[] { "atelier.rate-limits.enabled=true", "atelier.rate-limits.sync-share=0.0001",
				"atelier.rate-limits.defaults.storefront-ip=6/1m", "atelier.rate-limits.defaults.checkout-ip=1/1m",
				"atelier.rate-limits.defaults.admin-client=3/1m", "atelier.rate-limits.defaults.operator=3/1m",
				"atelier.fairness.max-requests-per-tenant=2", "atelier.jobs.enabled=false" };
	}

	@Test
	void storefront_requests_from_one_address_are_limited_across_nodes() {
		Tenant brand = brand("rl-ip");
		Browser a = new Browser(limitedA(), brand.localHost());
		Browser b = new Browser(limitedB(), brand.localHost());

		// Alternate between the nodes: together they let 6 through, plus at most one each
		// that a node counts on its own before it reconciles (the sync share, at least
		// 1).
		int served = 0;
		HttpResponse<String> refused = null;
		for (int i = 0; i < 10; i++) {
			for (Browser node : List.of(a, b)) {
				HttpResponse<String> response = node.get("/storefront/api/v1/brand");
				if (response.statusCode() == 200) {
					served++;
				}
				else {
					assertThat(response.statusCode()).isEqualTo(429);
					refused = response;
				}
			}
		}

		assertThat(served).isBetween(6, 8);
		assertThat(refused).isNotNull();
		assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
		assertThat(refused.body()).contains("urn:atelier:problem:rate-limited")
			.contains("\"rule\":\"storefront-ip\"")
			.contains("\"limit\":6");
		// Another brand's bucket is its own.
		Tenant other = brand("rl-other");
		assertThat(new Browser(limitedA(), other.localHost()).get("/storefront/api/v1/brand").statusCode())
			.isEqualTo(200);
	}

	@Test
	void operators_give_a_brand_its_own_limit_and_every_node_applies_it() {
		Tenant brand = brand("rl-own");
		String operator = this.operators.create("ops-" + TestTenants.uniqueSlug("rl"));
		// The change is made on a node without limits (the operator's own limit is 3/1m
		// on
		// the limited ones).
		Browser api = new Browser(this.port, "localhost");

		HttpResponse<String> set = api.json("PUT",
				"/platform/api/v1/tenants/" + brand.slug() + "/rate-limits/storefront-ip", "{\"limit\":\"2/1m\"}",
				"Authorization", "Bearer " + operator);

		assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
		assertThat(set.body()).contains("{\"rule\":\"storefront-ip\",\"limit\":\"2/1m\",\"requests\":2,"
				+ "\"periodSeconds\":60,\"source\":\"brand\"}");
		// The node that made the change applies it at once: a fresh bucket of two.
		Browser here = new Browser(limitedA(), brand.localHost());
		assertThat(here.get("/storefront/api/v1/brand").statusCode()).isEqualTo(200);
		assertThat(here.get("/storefront/api/v1/brand").statusCode()).isEqualTo(200);
		assertThat(here.get("/storefront/api/v1/brand").body()).contains("\"limit\":2");
		// The other node hears of it within a second (until then its default, 6,
		// applies).
		Browser there = new Browser(limitedB(), brand.localHost());
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
			HttpResponse<String> probe = there.get("/storefront/api/v1/brand");
			return probe.statusCode() == 429 && probe.body().contains("\"limit\":2");
		});
		String staffToken = adminToken(brand, Role.ANALYST);
		HttpResponse<String> visible = new Browser(this.port, brand.localHost()).bearer("GET",
				"/admin/api/v1/rate-limits", staffToken);
		assertThat(visible.statusCode()).as(visible.body()).isEqualTo(200);
		assertThat(visible.body()).contains("\"rule\":\"storefront-ip\",\"limit\":\"2/1m\"");

		HttpResponse<String> bad = api.json("PUT", "/platform/api/v1/tenants/" + brand.slug() + "/rate-limits/operator",
				"{\"limit\":\"lots\"}", "Authorization", "Bearer " + operator);
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("urn:atelier:problem:invalid-request");
		assertThat(api
			.json("PUT", "/platform/api/v1/tenants/" + brand.slug() + "/rate-limits/storefront-ip",
					"{\"limit\":\"0/1m\"}", "Authorization", "Bearer " + operator)
			.statusCode()).isEqualTo(400);

		HttpResponse<String> reset = api.bearer("DELETE",
				"/platform/api/v1/tenants/" + brand.slug() + "/rate-limits/storefront-ip", operator);
		assertThat(reset.statusCode()).isEqualTo(200);
		assertThat(reset.body()).contains("{\"rule\":\"storefront-ip\",\"limit\":\"1200/1m\",\"requests\":1200,"
				+ "\"periodSeconds\":60,\"source\":\"default\"}");
	}

	@Test
	void a_brand_limit_counts_every_address_and_account_requests_have_their_own() {
		Tenant brand = brand("rl-brand");
		this.tenantLimits.set(brand.ref(), RateLimitRule.STOREFRONT_BRAND, Limit.parse("3/1m"),
				Actor.operator("tests"));
		this.tenantLimits.set(brand.ref(), RateLimitRule.ACCOUNT_IP, Limit.parse("2/1m"), Actor.operator("tests"));
		Browser shopper = new Browser(limitedB(), brand.localHost());

		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
			HttpResponse<String> probe = shopper.get("/storefront/api/v1/brand");
			return probe.statusCode() == 429 && probe.body().contains("\"rule\":\"storefront-brand\"")
					&& probe.body().contains("\"limit\":3");
		});
		java.util.Map<String, String> wrong = java.util.Map.of("grant_type", "client_credentials", "client_id",
				"nobody", "client_secret", "wrong");
		assertThat(shopper.postForm("/oauth2/token", wrong).statusCode()).isEqualTo(401);
		assertThat(shopper.postForm("/oauth2/token", wrong).statusCode()).isEqualTo(401);
		HttpResponse<String> refused = shopper.postForm("/oauth2/token", wrong);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.body()).contains("\"rule\":\"account-ip\"");
	}

	@Test
	void admin_requests_are_limited_per_staff_member_or_integration() {
		Tenant brand = brand("rl-admin");
		String first = adminToken(brand, Role.ANALYST);
		String second = adminToken(brand, Role.ANALYST);
		Browser admin = new Browser(limitedA(), brand.localHost());

		for (int i = 0; i < 3; i++) {
			assertThat(admin.bearer("GET", "/admin/api/v1/brand", first).statusCode()).isEqualTo(200);
		}
		HttpResponse<String> refused = admin.bearer("GET", "/admin/api/v1/brand", first);

		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.body()).contains("\"rule\":\"admin-client\"");
		assertThat(admin.bearer("GET", "/admin/api/v1/brand", second).statusCode()).isEqualTo(200);
		// Unauthenticated requests are refused before they are counted.
		assertThat(admin.get("/admin/api/v1/brand").statusCode()).isEqualTo(401);
	}

	@Test
	void operators_are_limited_each() {
		String operator = this.operators.create("ops-" + TestTenants.uniqueSlug("rl"));
		Browser api = new Browser(limitedB(), "localhost");
		for (int i = 0; i < 3; i++) {
			assertThat(api.bearer("GET", "/platform/api/v1/tenants", operator).statusCode()).isEqualTo(200);
		}
		HttpResponse<String> refused = api.bearer("GET", "/platform/api/v1/tenants", operator);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.body()).contains("\"rule\":\"operator\"");
	}

	@Test
	void a_second_checkout_from_one_address_within_the_limit_is_refused_and_reserves_nothing() {
		Tenant brand = brand("rl-checkout");
		Commerce shop = commerce(brand);
		Market eu = shop.market("eu", "EUR", true, true, "FR", "0.2", "0.00");
		var piece = shop.variant("rl-piece", eu, "100.00", 5);
		// Carts filled on the unlimited node; checkouts on a limited one.
		String first = Commerce.readyCart(browser(brand), piece.sku(), 1, "FR");
		String second = Commerce.readyCart(browser(brand), piece.sku(), 1, "FR");
		Browser shopper = new Browser(limitedA(), brand.localHost());

		assertThat(Commerce.checkout(shopper, first, "manual", null).statusCode()).isEqualTo(201);
		HttpResponse<String> refused = Commerce.checkout(shopper, second, "manual", null);

		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
		assertThat(refused.body()).contains("\"rule\":\"checkout-ip\"");
		assertThat(shop.stockOf(piece)).containsExactly(5, 1, 4);
	}

	@Test
	void a_brand_with_its_workers_taken_is_refused_at_once_while_other_brands_are_served() throws Exception {
		Tenant busy = brand("fair-busy");
		Tenant calm = brand("fair-calm");
		Commerce busyShop = commerce(busy);
		Market eu = busyShop.market("eu", "EUR", true, true, "FR", "0.2", "0.00");
		busyShop.variant("fair-piece", eu, "100.00", 5);
		Commerce calmShop = commerce(calm);
		Market calmEu = calmShop.market("eu", "EUR", true, true, "FR", "0.2", "0.00");
		calmShop.variant("calm-piece", calmEu, "100.00", 5);
		int node = limitedA();
		Browser busyShopper = new Browser(node, busy.localHost());
		Browser calmShopper = new Browser(node, calm.localHost());

		List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
		try (Connection lock = TestDatabase.database("identity").connect()) {
			lock.setAutoCommit(false);
			try (Statement statement = lock.createStatement()) {
				statement.execute("lock table " + busy.schema().quoted() + ".products in access exclusive mode");
			}
			// Two listings of the busy brand wait for the lock (two first pages: two
			// cache keys, two requests in progress).
			held.add(CompletableFuture.supplyAsync(() -> busyShopper.get("/storefront/api/v1/products?first=5")));
			held.add(CompletableFuture.supplyAsync(() -> busyShopper.get("/storefront/api/v1/products?first=6")));
			await().atMost(Duration.ofSeconds(10)).until(() -> waitingOnLocks(busy) == 2);

			HttpResponse<String> third = busyShopper.get("/storefront/api/v1/products?first=7");
			assertThat(third.statusCode()).as(third.body()).isEqualTo(503);
			assertThat(third.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(third.body()).contains("urn:atelier:problem:brand-busy");
			assertThat(calmShopper.get("/storefront/api/v1/products?first=5").statusCode()).isEqualTo(200);
			lock.rollback();
		}
		for (CompletableFuture<HttpResponse<String>> request : held) {
			assertThat(request.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		}
	}

	private static int waitingOnLocks(Tenant tenant) throws Exception {
		try (Connection connection = TestDatabase.database("identity").connect();
				Statement statement = connection.createStatement();
				var rows = statement.executeQuery("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
						+ " and query like '%" + tenant.schema().name() + "%'")) {
			rows.next();
			return rows.getInt(1);
		}
	}

}

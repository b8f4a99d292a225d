package com.atelier.infra.catalog;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import com.atelier.infra.identity.Browser;
import com.atelier.infra.identity.IdentityTestSupport;
import com.atelier.platform.catalog.CatalogManagement;
import com.atelier.platform.catalog.Product;
import com.atelier.platform.cluster.internal.PgClusterSignals;
import com.atelier.platform.identity.Role;
import com.atelier.platform.inventory.Inventory;
import com.atelier.platform.pricing.Market;
import com.atelier.platform.pricing.Pricing;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The storefront cache (pitfall P7): keys carry the tenant, one tenant's change evicts
 * only that tenant, a change made through one node is seen on every node within a second,
 * and a node that lost its signal connection drops everything when it is back.
 */
class StorefrontCacheIT extends IdentityTestSupport {

	static final String LISTING = "/storefront/api/v1/products?first=20";

	static ConfigurableApplicationContext secondNode;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	Pricing pricing;

	@Autowired
	Inventory inventory;

	@Autowired
	PgClusterSignals signals;

	@Autowired
	com.atelier.storefront.catalog.StorefrontCache cache;

	@AfterAll
	static void stopSecondNode() {
		if (secondNode != null) {
			secondNode.close();
		}
	}

	CatalogFixtures fixtures(Tenant tenant) {
		return new CatalogFixtures(tenant, this.catalog, this.pricing, this.inventory);
	}

	@Test
	void each_tenant_has_its_own_entries_and_a_change_evicts_only_that_tenant() {
		Tenant a = brand("cache-a");
		Tenant b = brand("cache-b");
		CatalogFixtures fa = fixtures(a);
		CatalogFixtures fb = fixtures(b);
		Market euA = fa.market("eu", "EUR", true);
		Market euB = fb.market("eu", "EUR", true);
		Product scarfA = fa.product("scarf", "Carré A");
		fa.price(euA, scarfA, "100.00");
		fb.price(euB, fb.product("scarf", "Carré B"), "200.00");
		Browser shopperA = browser(a);
		Browser shopperB = browser(b);

		HttpResponse<String> firstA = shopperA.get(LISTING);
		assertThat(statements(firstA)).as("A's first request is a miss").isPositive();
		assertThat(statements(shopperA.get(LISTING))).as("A's second request is a hit").isZero();
		HttpResponse<String> firstB = shopperB.get(LISTING);
		assertThat(statements(firstB)).as("A's entry is not B's: B misses with the same request").isPositive();
		assertThat(firstB.body()).contains("Carré B").contains("200.00").doesNotContain("Carré A");
		assertThat(statements(shopperB.get(LISTING))).isZero();

		fa.price(euA, scarfA, "120.00");
		await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> {
			HttpResponse<String> changed = shopperA.get(LISTING);
			assertThat(changed.body()).contains("120.00");
			assertThat(changed.headers().firstValue("ETag")).isNotEqualTo(firstA.headers().firstValue("ETag"));
		});
		HttpResponse<String> stillB = shopperB.get(LISTING);
		assertThat(statements(stillB)).as("A's change left B's entries alone").isZero();
		assertThat(stillB.body()).isEqualTo(firstB.body());
	}

	@Test
	void a_price_changed_through_one_node_is_seen_on_another_within_a_second() {
		Tenant brand = brand("cache-nodes");
		CatalogFixtures f = fixtures(brand);
		Market eu = f.market("eu", "EUR", true);
		Product bag = f.product("bag", "Sac");
		f.price(eu, bag, "1500.00");
		Browser other = browser(brand).node(secondNodePort());
		assertThat(other.get(LISTING).body()).contains("1500.00");
		assertThat(statements(other.get(LISTING))).as("cached on the second node").isZero();

		String token = adminToken(brand, Role.MERCHANDISER);
		HttpResponse<String> put = browser(brand).json("PUT", "/admin/api/v1/markets/" + eu.id() + "/prices",
				"{\"prices\":[{\"sku\":\"" + bag.variants().get(0).sku() + "\",\"amount\":\"1650.00\"}]}",
				"Authorization", "Bearer " + token);
		assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
		long changedAt = System.nanoTime();
		await().atMost(Duration.ofSeconds(1))
			.pollInterval(Duration.ofMillis(20))
			.untilAsserted(() -> assertThat(other.get(LISTING).body()).contains("1650.00").doesNotContain("1500.00"));
		assertThat(Duration.ofNanos(System.nanoTime() - changedAt)).isLessThan(Duration.ofSeconds(1));
		assertThat(other.get("/storefront/api/v1/products/bag").body()).contains("1650.00");
	}

	@Test
	void a_node_whose_signal_connection_dropped_forgets_everything_when_it_reconnects() throws Exception {
		Tenant brand = brand("cache-reconnect");
		CatalogFixtures f = fixtures(brand);
		Market eu = f.market("eu", "EUR", true);
		f.price(eu, f.product("belt", "Ceinture"), "300.00");
		Browser shopper = browser(brand);
		assertThat(shopper.get(LISTING).body()).contains("300.00");
		assertThat(statements(shopper.get(LISTING))).isZero();

		this.signals.dropConnection();
		try (Connection connection = TestDatabase.database("identity").connect();
				Statement statement = connection.createStatement()) {
			// Behind the application's back and without a signal: only the reconnect can
			// tell this node its entries may be stale.
			String schema = "\"" + brand.schema().name() + "\"";
			statement.execute("update " + schema + ".prices set amount_minor = 31000");
			statement
				.execute("update " + schema + ".listing_prices set price_from_minor = 31000, price_to_minor = 31000");
		}
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertThat(shopper.get(LISTING).body()).contains("310.00"));
		assertThat(this.signals.isListening()).isTrue();
	}

	@Test
	void answers_for_unknown_collections_options_and_cursors_are_not_kept() {
		Tenant brand = brand("cache-unknown");
		CatalogFixtures shop = fixtures(brand);
		Market eu = shop.market("eu", "EUR", true);
		shop.price(eu, shop.product("scarf", "Carré"), "100.00");
		shop.price(eu, shop.product("stole", "Étole"), "150.00");
		Browser shopper = browser(brand);
		java.util.Random random = new java.util.Random(12);
		long before = this.cache.size(brand.id());

		for (int i = 0; i < 1000; i++) {
			String path = switch (i % 3) {
				case 0 -> "/storefront/api/v1/products?collection=c" + random.nextInt(1_000_000);
				case 1 -> "/storefront/api/v1/products?option=Colour:x" + random.nextInt(1_000_000);
				default ->
					"/storefront/api/v1/products?first=1&after=" + com.atelier.platform.catalog.Cursors.encode("NEWEST",
							java.time.OffsetDateTime.now().minusSeconds(random.nextInt(1_000_000)).toString(),
							java.util.UUID.randomUUID().toString());
			};
			HttpResponse<String> answer = shopper.get(path);
			assertThat(answer.statusCode()).as(path + " " + answer.body()).isEqualTo(200);
		}

		assertThat(this.cache.size(brand.id())).as("no entry for made-up values").isEqualTo(before);
		// Known values are kept, and the page after a cursor this node issued as well.
		HttpResponse<String> first = shopper.get("/storefront/api/v1/products?first=1&option=colour:BLACK");
		assertThat(statements(first)).isPositive();
		assertThat(statements(shopper.get("/storefront/api/v1/products?first=1&option=Colour:Black"))).isZero();
		String next = Browser.JSON.readTree(first.body()).get("next").asString();
		String second = "/storefront/api/v1/products?first=1&option=colour:BLACK&after=" + next;
		assertThat(statements(shopper.get(second))).isPositive();
		assertThat(statements(shopper.get(second))).isZero();
		assertThat(this.cache.size(brand.id())).isEqualTo(before + 2);
	}

	static int statements(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return Integer.parseInt(response.headers().firstValue("X-Sql-Statements").orElseThrow());
	}

	private static int secondNodePort() {
		if (secondNode == null) {
			secondNode = startNode("atelier.storefront.sql-statements-header=true");
		}
		return port(secondNode);
	}

}

package com.atelier.infra.catalog;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import com.atelier.infra.identity.Browser;
import com.atelier.infra.identity.IdentityTestSupport;
import com.atelier.platform.catalog.CatalogManagement;
import com.atelier.platform.catalog.Product;
import com.atelier.platform.catalog.ProductInput;
import com.atelier.platform.catalog.ProductStatus;
import com.atelier.platform.inventory.Inventory;
import com.atelier.platform.pricing.Market;
import com.atelier.platform.pricing.Pricing;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The storefront REST API: what shoppers may see, in their market and language, filtered,
 * sorted and paginated, with ETags, at a constant number of SQL statements.
 */
class StorefrontCatalogIT extends IdentityTestSupport {

	@Autowired
	CatalogManagement catalog;

	@Autowired
	Pricing pricing;

	@Autowired
	Inventory inventory;

	CatalogFixtures fixtures(Tenant tenant) {
		return new CatalogFixtures(tenant, this.catalog, this.pricing, this.inventory);
	}

	@Test
	void only_active_products_priced_in_the_market_appear_in_the_shoppers_language() {
		Tenant brand = brand("shop");
		CatalogFixtures f = fixtures(brand);
		Market eu = f.market("eu", "EUR", true);
		Market us = f.market("us", "USD", false);
		Product both = f.product("both", "Foulard", ProductStatus.ACTIVE, List.of("Black"),
				Map.of("en", new ProductInput.Translation("Scarf", "A scarf", null, null)));
		Product euOnly = f.product("eu-only", "Sac");
		Product draft = f.product("draft", "Brouillon", ProductStatus.DRAFT, List.of("Black"), Map.of());
		Product archived = f.product("archived", "Archive", ProductStatus.ARCHIVED, List.of("Black"), Map.of());
		f.price(eu, both, "100.00");
		f.price(us, both, "110.00");
		f.price(eu, euOnly, "200.00");
		f.price(eu, draft, "1.00");
		f.price(eu, archived, "1.00");
		Browser shopper = browser(brand);

		assertThat(handles(shopper.get("/storefront/api/v1/products"))).containsExactlyInAnyOrder("both", "eu-only");
		assertThat(handles(shopper.get("/storefront/api/v1/products?market=us"))).containsExactly("both");
		assertThat(handles(shopper.get("/storefront/api/v1/products", "X-Atelier-Market", "us")))
			.containsExactly("both");
		HttpResponse<String> unknown = shopper.get("/storefront/api/v1/products?market=mars");
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(unknown.body()).contains("\"field\":\"market\"");

		assertThat(shopper.get("/storefront/api/v1/products/draft").statusCode()).isEqualTo(404);
		assertThat(shopper.get("/storefront/api/v1/products/archived").statusCode()).isEqualTo(404);
		assertThat(shopper.get("/storefront/api/v1/products/eu-only?market=us").statusCode()).isEqualTo(404);

		HttpResponse<String> english = shopper.get("/storefront/api/v1/products/both?market=us", "Accept-Language",
				"en-GB,en;q=0.9,fr;q=0.5");
		JsonNode product = Browser.JSON.readTree(english.body());
		assertThat(product.get("title").asString()).isEqualTo("Scarf");
		assertThat(product.get("locale").asString()).isEqualTo("en");
		assertThat(english.headers().firstValue("Content-Language")).hasValue("en");
		assertThat(product.at("/price/from").toString()).isEqualTo("{\"amount\":\"110.00\",\"currency\":\"USD\"}");
		JsonNode german = Browser.JSON
			.readTree(shopper.get("/storefront/api/v1/products/both", "Accept-Language", "de-DE").body());
		assertThat(german.get("title").asString()).as("falls back to the default locale").isEqualTo("Foulard");
		assertThat(german.get("locale").asString()).isEqualTo("fr-FR");
	}

	@Test
	void availability_is_a_word_never_a_count() {
		Tenant brand = brand("avail");
		CatalogFixtures f = fixtures(brand);
		Market eu = f.market("eu", "EUR", true);
		Product product = f.product("trio", "Trio", ProductStatus.ACTIVE, List.of("Black", "Ivory", "Red"), Map.of());
		f.price(eu, product, "10.00");
		f.stock(product.variants().get(0), 10);
		f.stock(product.variants().get(1), 2);
		HttpResponse<String> response = browser(brand).get("/storefront/api/v1/products/trio");
		JsonNode variants = Browser.JSON.readTree(response.body()).get("variants");
		assertThat(variants.valueStream().map((v) -> v.get("availability").asString())).containsExactly("in_stock",
				"low", "sold_out");
		assertThat(response.body()).doesNotContain("onHand").doesNotContain("reserved").doesNotContain("\"10\"");
	}

	@Test
	void filters_and_sorts() {
		Tenant brand = brand("filters");
		CatalogFixtures f = fixtures(brand);
		Market eu = f.market("eu", "EUR", true);
		Product cheap = f.product("cheap", "Cheap", ProductStatus.ACTIVE, List.of("Black"), Map.of());
		Product middle = f.product("middle", "Middle", ProductStatus.ACTIVE, List.of("Black", "Ivory"), Map.of());
		Product dear = f.product("dear", "Dear", ProductStatus.ACTIVE, List.of("Ivory"), Map.of());
		f.price(eu, cheap, "50.00");
		f.price(eu, middle, "150.00", "170.00");
		f.price(eu, dear, "900.00");
		f.stock(cheap.variants().get(0), 5);
		f.stock(dear.variants().get(0), 1);
		f.collection("edit", List.of(dear, cheap));
		Browser shopper = browser(brand);

		assertThat(handles(shopper.get("/storefront/api/v1/products?sort=price"))).containsExactly("cheap", "middle",
				"dear");
		assertThat(handles(shopper.get("/storefront/api/v1/products?sort=-price"))).containsExactly("dear", "middle",
				"cheap");
		assertThat(handles(shopper.get("/storefront/api/v1/products"))).containsExactly("dear", "middle", "cheap");
		assertThat(handles(shopper.get("/storefront/api/v1/products?collection=edit&sort=collection")))
			.containsExactly("dear", "cheap");
		assertThat(handles(shopper.get("/storefront/api/v1/products?option=Colour:Ivory&sort=price")))
			.containsExactly("middle", "dear");
		assertThat(handles(shopper.get("/storefront/api/v1/products?minPrice=160&maxPrice=500")))
			.containsExactly("middle");
		assertThat(handles(shopper.get("/storefront/api/v1/products?available=true&sort=price")))
			.containsExactly("cheap", "dear");
		JsonNode card = Browser.JSON.readTree(shopper.get("/storefront/api/v1/products?sort=price").body())
			.at("/items/1");
		assertThat(card.at("/price/from/amount").asString()).isEqualTo("150.00");
		assertThat(card.at("/price/to/amount").asString()).isEqualTo("170.00");
		assertThat(card.get("availability").asString()).isEqualTo("sold_out");
		assertThat(shopper.get("/storefront/api/v1/products?sort=collection").statusCode()).isEqualTo(400);
		assertThat(shopper.get("/storefront/api/v1/products?minPrice=1.001").statusCode()).isEqualTo(400);
		assertThat(shopper.get("/storefront/api/v1/products?option=nocolon").statusCode()).isEqualTo(400);
		HttpResponse<String> fourFilters = shopper
			.get("/storefront/api/v1/products?option=a:1&option=b:2&option=c:3&option=d:4");
		assertThat(fourFilters.statusCode()).as("a product has at most 3 options").isEqualTo(400);
		assertThat(fourFilters.body()).contains("\"field\":\"option\"");
		assertThat(shopper.get("/storefront/api/v1/products?first=101").statusCode()).isEqualTo(400);
	}

	@Test
	void pagination_stays_stable_while_products_are_added() {
		Tenant brand = brand("pages");
		CatalogFixtures f = fixtures(brand);
		Market eu = f.market("eu", "EUR", true);
		for (int i = 1; i <= 5; i++) {
			f.price(eu, f.product("p" + i, "P" + i), i + "0.00");
		}
		Browser shopper = browser(brand);
		JsonNode first = Browser.JSON.readTree(shopper.get("/storefront/api/v1/products?first=2").body());
		JsonNode firstByPrice = Browser.JSON
			.readTree(shopper.get("/storefront/api/v1/products?first=2&sort=price").body());
		f.price(eu, f.product("p6", "P6"), "5.00");
		f.price(eu, f.product("p7", "P7"), "35.00");

		List<String> seen = new ArrayList<>(handles(first));
		String next = first.get("next").asString();
		while (next != null && !next.isEmpty()) {
			JsonNode page = Browser.JSON
				.readTree(shopper.get("/storefront/api/v1/products?first=2&after=" + next).body());
			seen.addAll(handles(page));
			next = page.get("next").isNull() ? null : page.get("next").asString();
		}
		assertThat(seen).as("newest first: later pages continue where the first stopped")
			.containsExactly("p5", "p4", "p3", "p2", "p1");

		List<String> byPrice = new ArrayList<>(handles(firstByPrice));
		next = firstByPrice.get("next").asString();
		while (next != null) {
			JsonNode page = Browser.JSON
				.readTree(shopper.get("/storefront/api/v1/products?first=2&sort=price&after=" + next).body());
			byPrice.addAll(handles(page));
			next = page.get("next").isNull() ? null : page.get("next").asString();
		}
		assertThat(byPrice).as("no product twice, none skipped behind the cursor")
			.containsExactly("p1", "p2", "p3", "p7", "p4", "p5");
		assertThat(shopper.get("/storefront/api/v1/products?after=garbage").statusCode()).isEqualTo(400);
		assertThat(shopper.get("/storefront/api/v1/products?sort=price&after=" + first.get("next").asString())
			.statusCode()).as("a cursor of another order").isEqualTo(400);
	}

	@Test
	void the_listed_price_range_stays_exact_while_sibling_variants_are_repriced_concurrently() throws Exception {
		Tenant brand = brand("reprice");
		CatalogFixtures f = fixtures(brand);
		Market eu = f.market("eu", "EUR", true);
		Product product = f.product("trio", "Trio", ProductStatus.ACTIVE, List.of("Black", "Ivory", "Red"), Map.of());
		f.price(eu, product, "100.00");
		int writers = product.variants().size();
		ExecutorService pool = Executors.newFixedThreadPool(writers);
		try {
			CyclicBarrier together = new CyclicBarrier(writers);
			List<Future<?>> done = new ArrayList<>();
			for (int w = 0; w < writers; w++) {
				Product.Variant variant = product.variants().get(w);
				int writer = w;
				done.add(pool.submit(() -> {
					for (int round = 0; round < 15; round++) {
						together.await(30, TimeUnit.SECONDS);
						String amount = (100 + ((round * 7 + writer * 13) % 50)) + ".00";
						TenantContext.run(brand.ref(), () -> this.pricing.setPrices(eu.id(),
								List.of(new Pricing.PriceInput(variant.id(), null, amount)), CatalogFixtures.TESTS));
					}
					return null;
				}));
			}
			for (Future<?> writer : done) {
				writer.get(120, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		Browser shopper = browser(brand);
		JsonNode detail = Browser.JSON.readTree(shopper.get("/storefront/api/v1/products/trio").body());
		JsonNode card = Browser.JSON.readTree(shopper.get("/storefront/api/v1/products").body()).at("/items/0");
		List<String> variantPrices = new ArrayList<>();
		detail.get("variants").forEach((v) -> variantPrices.add(v.at("/price/amount").asString()));
		String min = variantPrices.stream()
			.min(java.util.Comparator.comparing(java.math.BigDecimal::new))
			.orElseThrow();
		String max = variantPrices.stream()
			.max(java.util.Comparator.comparing(java.math.BigDecimal::new))
			.orElseThrow();
		assertThat(card.at("/price/from/amount").asString()).as("list vs the variants' prices %s", variantPrices)
			.isEqualTo(min);
		assertThat(card.at("/price/to/amount").asString()).isEqualTo(max);
	}

	@Test
	void responses_carry_etags_and_a_match_is_304() {
		Tenant brand = brand("etag");
		CatalogFixtures f = fixtures(brand);
		Market eu = f.market("eu", "EUR", true);
		Product product = f.product("etag", "ETag");
		f.price(eu, product, "10.00");
		Browser shopper = browser(brand);
		HttpResponse<String> first = shopper.get("/storefront/api/v1/products/etag");
		String etag = first.headers().firstValue("ETag").orElseThrow();
		assertThat(first.headers().allValues("Vary").toString()).contains("Accept-Language");
		HttpResponse<String> notModified = shopper.get("/storefront/api/v1/products/etag", "If-None-Match", etag);
		assertThat(notModified.statusCode()).isEqualTo(304);
		assertThat(notModified.body()).isEmpty();
		f.price(eu, product, "12.00");
		// The change reaches this node's cache by its signal, within a second (ADR 15).
		await().atMost(java.time.Duration.ofSeconds(2)).untilAsserted(() -> {
			HttpResponse<String> changed = shopper.get("/storefront/api/v1/products/etag", "If-None-Match", etag);
			assertThat(changed.statusCode()).isEqualTo(200);
			assertThat(changed.body()).contains("12.00");
			assertThat(changed.headers().firstValue("ETag")).isNotEqualTo(java.util.Optional.of(etag));
		});
	}

	@Test
	void sql_statements_per_request_do_not_grow_with_the_page_size() {
		Tenant brand = brand("sql");
		CatalogFixtures f = fixtures(brand);
		Market eu = f.market("eu", "EUR", true);
		List<Product> products = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			Product product = f.product("sql-" + i, "Sql " + i, ProductStatus.ACTIVE, List.of("Black", "Ivory", "Red"),
					Map.of());
			f.price(eu, product, "10.00", "11.00", "12.00");
			f.stock(product.variants().get(0), 3);
			products.add(product);
		}
		f.collection("all", products);
		Browser shopper = browser(brand);
		int small = statements(shopper.get("/storefront/api/v1/products?first=5"));
		int large = statements(shopper.get("/storefront/api/v1/products?first=30"));
		int filtered = statements(shopper.get("/storefront/api/v1/products?first=30&collection=all&sort=collection"));
		assertThat(small).isPositive().isEqualTo(large).isEqualTo(filtered);
		assertThat(large).as("one statement for the page").isEqualTo(1);
		assertThat(statements(shopper.get("/storefront/api/v1/products?first=30"))).as("served from cache").isZero();
		int detail = statements(shopper.get("/storefront/api/v1/products/sql-0"));
		assertThat(detail).isLessThanOrEqualTo(4);
	}

	@Test
	void one_tenants_products_never_appear_on_another_storefront_cached_or_not() {
		Tenant a = brand("tenant-a");
		Tenant b = brand("tenant-b");
		CatalogFixtures fa = fixtures(a);
		CatalogFixtures fb = fixtures(b);
		Market euA = fa.market("eu", "EUR", true);
		Market euB = fb.market("eu", "EUR", true);
		fa.price(euA, fa.product("same-handle", "Only in A"), "10.00");
		fa.price(euA, fa.product("a-only", "A only"), "10.00");
		fb.price(euB, fb.product("same-handle", "Only in B"), "20.00");
		for (int round = 0; round < 2; round++) {
			HttpResponse<String> listA = browser(a).get("/storefront/api/v1/products?first=20");
			HttpResponse<String> listB = browser(b).get("/storefront/api/v1/products?first=20");
			assertThat(listA.body()).contains("Only in A").doesNotContain("Only in B");
			assertThat(listB.body()).contains("Only in B").doesNotContain("Only in A").doesNotContain("a-only");
			assertThat(browser(b).get("/storefront/api/v1/products/same-handle").body()).contains("20.00")
				.doesNotContain("Only in A");
			assertThat(browser(b).get("/storefront/api/v1/products/a-only").statusCode()).isEqualTo(404);
		}
	}

	private static int statements(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return Integer.parseInt(response.headers().firstValue("X-Sql-Statements").orElseThrow());
	}

	private static List<String> handles(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return handles(Browser.JSON.readTree(response.body()));
	}

	private static List<String> handles(JsonNode listing) {
		return listing.get("items").valueStream().map((i) -> i.get("handle").asString()).toList();
	}

}

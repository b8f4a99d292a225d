package com.atelier.infra.catalog;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storefront over GraphQL: the same data as the REST API, the brand from the host,
 * the market and language from arguments or headers, and queries refused when they are
 * too deep or too expensive, before anything runs.
 */
class StorefrontGraphQlIT extends IdentityTestSupport {

	static final String PATH = "/storefront/graphql";

	@Autowired
	CatalogManagement catalog;

	@Autowired
	Pricing pricing;

	@Autowired
	Inventory inventory;

	@Test
	void graphql_and_rest_show_the_same_catalog() {
		Tenant brand = brand("gql");
		CatalogFixtures f = new CatalogFixtures(brand, this.catalog, this.pricing, this.inventory);
		Market eu = f.market("eu", "EUR", true);
		Market jp = f.market("jp", "JPY", false);
		List<Product> products = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			Product product = f.product("piece-" + i, "Pièce " + i, ProductStatus.ACTIVE, List.of("Noir", "Ivoire"),
					Map.of("en", new ProductInput.Translation("Piece " + i, null, null, null)));
			f.price(eu, product, (100 + i) + ".50", (110 + i) + ".00");
			f.price(jp, product, "19800");
			if (i > 0) {
				f.stock(product.variants().get(0), i);
			}
			products.add(product);
		}
		f.collection("edit", products.subList(1, 4));
		Browser shopper = browser(brand);

		JsonNode rest = Browser.JSON
			.readTree(shopper.get("/storefront/api/v1/products?first=3&sort=-price", "Accept-Language", "en").body());
		JsonNode graph = data(query(shopper, """
				{ products(first: 3, sort: PRICE_DESC) {
				    locale market { handle currency } next
				    items { handle title price { from { amount currency } to { amount currency } } availability } } }
				""", "Accept-Language", "en")).get("products");
		assertThat(graph.get("locale").asString()).isEqualTo("en");
		assertThat(graph.at("/market/handle").asString()).isEqualTo("eu");
		assertThat(graph.get("items")).hasSize(3);
		for (int i = 0; i < 3; i++) {
			JsonNode r = rest.get("items").get(i);
			JsonNode g = graph.get("items").get(i);
			assertThat(g.get("handle").asString()).isEqualTo(r.get("handle").asString());
			assertThat(g.get("title").asString()).isEqualTo(r.get("title").asString()).startsWith("Piece ");
			assertThat(g.at("/price/from/amount").asString()).isEqualTo(r.at("/price/from/amount").asString());
			assertThat(g.at("/price/to/amount").asString()).isEqualTo(r.at("/price/to/amount").asString());
			assertThat(g.get("availability").asString()).isEqualToIgnoringCase(r.get("availability").asString());
		}
		assertThat(graph.at("/items/0/handle").asString()).isEqualTo("piece-4");
		assertThat(graph.at("/items/0/price/to/amount").asString()).isEqualTo("114.00");
		String next = graph.get("next").asString();
		JsonNode rest2 = Browser.JSON.readTree(
				shopper.get("/storefront/api/v1/products?first=3&sort=-price&after=" + rest.get("next").asString())
					.body());
		JsonNode graph2 = data(query(shopper,
				"{ products(first: 3, sort: PRICE_DESC, after: \"" + next + "\") { items { handle } next } }"))
			.get("products");
		assertThat(handles(graph2.get("items"))).isEqualTo(handles(rest2.get("items")))
			.containsExactly("piece-1", "piece-0");
		assertThat(graph2.get("next").isNull()).isTrue();

		JsonNode yen = data(query(shopper,
				"{ product(handle: \"piece-2\") { handle variants { sku price { amount currency } availability } } }",
				"X-Atelier-Market", "jp"))
			.get("product");
		assertThat(yen.at("/variants/0/price/amount").asString()).isEqualTo("19800");
		assertThat(yen.at("/variants/0/price/currency").asString()).isEqualTo("JPY");
		JsonNode restYen = Browser.JSON.readTree(shopper.get("/storefront/api/v1/products/piece-2?market=jp").body());
		assertThat(yen.at("/variants/0/sku").asString()).isEqualTo(restYen.at("/variants/0/sku").asString());
		assertThat(yen.at("/variants/0/availability").asString())
			.isEqualToIgnoringCase(restYen.at("/variants/0/availability").asString());

		JsonNode edit = data(query(shopper,
				"{ collection(handle: \"edit\") { handle products(market: \"jp\") { items { handle } } } }"))
			.get("collection");
		assertThat(handles(edit.at("/products/items"))).containsExactly("piece-1", "piece-2", "piece-3");
		assertThat(data(query(shopper, "{ product(handle: \"nope\") { handle } }")).get("product").isNull()).isTrue();
		assertThat(data(query(shopper, "{ brand { name defaultCurrency locales } }")).at("/brand/name").asString())
			.isEqualTo(brand.displayName());
	}

	@Test
	void bad_arguments_are_errors_with_the_problem_type() {
		Tenant brand = brand("gql-bad");
		CatalogFixtures f = new CatalogFixtures(brand, this.catalog, this.pricing, this.inventory);
		f.price(f.market("eu", "EUR", true), f.product("only", "Seul"), "10.00");
		Browser shopper = browser(brand);

		JsonNode mars = query(shopper, "{ products(market: \"mars\") { items { handle } } }");
		assertThat(mars.at("/errors/0/extensions/classification").asString()).isEqualTo("BAD_REQUEST");
		assertThat(mars.at("/errors/0/extensions/type").asString()).isEqualTo("urn:atelier:problem:invalid-request");
		assertThat(mars.at("/errors/0/path/0").asString()).isEqualTo("products");

		JsonNode tooMany = query(shopper, "{ products(first: 0) { items { handle } } }");
		assertThat(tooMany.at("/errors/0/message").asString()).contains("first");

		JsonNode explicitNull = query(shopper, "{ products(first: null) { items { handle } } }");
		assertThat(explicitNull.at("/errors/0/extensions/classification").asString()).isEqualTo("ValidationError");
		assertThat(explicitNull.at("/errors/0/message").asString()).contains("first");

		JsonNode unknownField = query(shopper, "{ products { items { costPrice } } }");
		assertThat(unknownField.at("/errors/0/extensions/classification").asString()).isEqualTo("ValidationError");
		assertThat(unknownField.has("data")).isFalse();
	}

	@Test
	void queries_too_deep_or_too_expensive_are_refused_before_they_run() {
		Tenant brand = brand("gql-limits");
		CatalogFixtures f = new CatalogFixtures(brand, this.catalog, this.pricing, this.inventory);
		f.price(f.market("eu", "EUR", true), f.product("only", "Seul"), "10.00");
		Browser shopper = browser(brand);

		// Introspection types refer to each other: the only way to nest this deep.
		JsonNode deep = query(shopper,
				"{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }");
		assertThat(deep.at("/errors/0/message").asString()).containsIgnoringCase("depth");
		assertThat(deep.path("data").path("__schema").isMissingNode() || deep.at("/data/__schema").isNull()).isTrue();

		JsonNode expensive = query(shopper, """
				{ collections { products(first: 100) {
				    items { handle title price { from { amount } to { amount } } } } } }
				""");
		assertThat(expensive.at("/errors/0/message").asString()).containsIgnoringCase("complexity");
		assertThat(expensive.at("/data/collections").isMissingNode() || expensive.at("/data/collections").isNull())
			.isTrue();

		// An int overflow in one field's cost must not make the whole query look cheap.
		StringBuilder aliases = new StringBuilder("{ a: products(first: 1073741824) { items { handle } } ");
		for (int i = 0; i < 30; i++) {
			aliases.append("b").append(i).append(": products(first: 100) { items { handle } } ");
		}
		JsonNode overflow = query(shopper, aliases.append("}").toString());
		assertThat(overflow.at("/errors/0/message").asString()).containsIgnoringCase("complexity");
		assertThat(overflow.at("/data/b0").isMissingNode() || overflow.at("/data/b0").isNull()).isTrue();

		JsonNode allCollections = query(shopper, "{ collections(first: 0) { handle } }");
		assertThat(allCollections.at("/errors/0/extensions/type").asString())
			.isEqualTo("urn:atelier:problem:invalid-request");

		JsonNode fine = query(shopper, "{ products(first: 100) { items { handle title price { from { amount } } } } }");
		assertThat(fine.has("errors")).as(fine.toString()).isFalse();
		assertThat(handles(fine.at("/data/products/items"))).containsExactly("only");
	}

	private static JsonNode query(Browser shopper, String query, String... headers) {
		Map<String, String> body = Map.of("query", query);
		String[] all = new String[headers.length + 2];
		all[0] = "Accept";
		all[1] = "application/graphql-response+json, application/json";
		System.arraycopy(headers, 0, all, 2, headers.length);
		HttpResponse<String> response = shopper.json("POST", PATH, Browser.JSON.writeValueAsString(body), all);
		assertThat(response.statusCode()).as(response.body()).isIn(200, 400);
		return Browser.JSON.readTree(response.body());
	}

	private static JsonNode data(JsonNode response) {
		assertThat(response.has("errors")).as(response.toString()).isFalse();
		return response.get("data");
	}

	private static List<String> handles(JsonNode items) {
		List<String> handles = new ArrayList<>();
		items.forEach((item) -> handles.add(item.get("handle").asString()));
		return handles;
	}

}

package com.atelier.infra.web;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.atelier.infra.identity.Browser;
import com.atelier.infra.orders.Commerce;
import com.atelier.infra.orders.CommerceTestSupport;
import com.atelier.platform.catalog.Product;
import com.atelier.platform.identity.Role;
import com.atelier.platform.pricing.Market;
import com.atelier.platform.tenancy.Tenant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, defects 9 and 11: control characters anywhere in the input, broken encodings,
 * wildcard media types, {@code null} list elements and fractional quantities are 4xx
 * problems that change nothing, for anonymous shoppers, staff and the sign-in pages
 * alike; never a 500.
 */
class InputHygieneIT extends CommerceTestSupport {

	private static final String NUL = "\\u0000";

	private Tenant brand;

	private Commerce shop;

	private Market eu;

	private Product.Variant scarf;

	@BeforeEach
	void brand() {
		this.brand = brand("hygiene");
		this.shop = commerce(this.brand);
		this.eu = this.shop.market("eu", "EUR", true, true, "FR", "0.2", "20.00");
		this.scarf = this.shop.variant("scarf", this.eu, "250.00", 5);
	}

	@Test
	void anonymous_shoppers_cannot_send_nul_in_json_parameters_paths_or_headers() {
		Browser shopper = browser(this.brand);
		long carts = this.shop.count("select count(*) from carts");
		assertField(shopper.json("POST", "/storefront/api/v1/carts", "{\"market\":\"e" + NUL + "u\"}"), "market");
		assertThat(this.shop.count("select count(*) from carts")).isEqualTo(carts);

		String token = Commerce.readyCart(shopper, this.scarf.sku(), 1, "FR");
		assertField(
				shopper.json("PATCH", "/storefront/api/v1/carts/" + token, "{\"email\":\"a" + NUL + "b@example.com\"}"),
				"email");
		assertField(
				shopper.json("POST", "/storefront/api/v1/carts/" + token + "/lines",
						"{\"sku\":\"" + this.scarf.sku() + "\",\"quantity\":1,\"personalization\":\"A" + NUL + "M\"}"),
				"personalization");
		assertField(shopper.json("POST", "/storefront/api/v1/carts/" + token + "/lines",
				"{\"variantId\":\"" + this.scarf.id() + "\\u0001\",\"quantity\":1}"), "variantId");
		assertField(shopper.json("POST", "/storefront/api/v1/customers",
				"{\"email\":\"x" + NUL + "@example.com\",\"password\":\"" + PASSWORD + "\"}"), "email");
		assertField(shopper.get("/storefront/api/v1/products?market=e%00u"), "market");
		assertField(shopper.get("/storefront/api/v1/products?q=%01"), "q");
		assertProblem(shopper.get("/storefront/api/v1/products/a%01b"), 400, "invalid-request");

		RawHttp.Response header = RawHttp.send(this.port, "GET /storefront/api/v1/products HTTP/1.1\r\nHost: "
				+ this.brand.localHost() + "\r\nX-Atelier-Market: e\u0085u\r\nConnection: close\r\n\r\n");
		assertThat(header.status()).as(header.toString()).isEqualTo(400);
		assertThat(header.isProblem()).isTrue();
		assertThat(header.json().get("errors").get(0).get("field").asString()).isEqualTo("X-Atelier-Market header");
	}

	@Test
	void staff_cannot_store_control_characters_and_nothing_is_created() {
		String token = adminToken(this.brand, Role.OWNER);
		Browser admin = browser(this.brand);
		long products = this.shop.count("select count(*) from products");
		HttpResponse<String> created = admin.json("POST", "/admin/api/v1/products",
				"{\"handle\":\"carre\",\"title\":\"Carr" + NUL + "é\",\"variants\":[{\"sku\":\"CARRE\"}]}",
				"Authorization", "Bearer " + token);
		assertField(created, "title");
		HttpResponse<String> inList = admin.json("POST", "/admin/api/v1/products",
				"{\"handle\":\"carre\",\"title\":\"Carré\",\"variants\":[{\"sku\":\"CA" + NUL + "RRE\"}]}",
				"Authorization", "Bearer " + token);
		assertField(inList, "variants[0].sku");
		// Jackson would trim the control character off an enum's name, a UUID, a number.
		assertField(admin.json("POST", "/admin/api/v1/products",
				"{\"handle\":\"carre\",\"title\":\"Carré\",\"status\":\"\\u001bACTIVE\",\"variants\":[{\"sku\":\"C\"}]}",
				"Authorization", "Bearer " + token), "status");
		assertField(admin.get("/admin/api/v1/products?q=%00", "Authorization", "Bearer " + token), "q");
		assertThat(this.shop.count("select count(*) from products")).isEqualTo(products);
	}

	@Test
	void a_request_whose_answer_could_not_be_written_is_refused_before_it_runs() {
		Browser shopper = browser(this.brand);
		long carts = this.shop.count("select count(*) from carts");
		HttpResponse<String> created = shopper.json("POST", "/storefront/api/v1/carts", "{}", "Accept", "image/png");
		assertThat(created.statusCode()).isEqualTo(406);
		assertThat(created.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		assertThat(this.shop.count("select count(*) from carts")).isEqualTo(carts);
	}

	@Test
	void sign_in_pages_and_the_token_endpoint_refuse_nul() {
		Browser browser = browser(this.brand);
		for (String page : List.of("/login/staff", "/login/shopper")) {
			HttpResponse<String> form = browser.get(page);
			Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
			assertThat(csrf.find()).as(form.body()).isTrue();
			assertField(
					browser.postForm(page,
							Map.of("username", "a\u0000b@example.com", "password", "x", "_csrf", csrf.group(1))),
					"username");
		}
		assertField(
				browser.postForm("/oauth2/token",
						Map.of("grant_type", "client_credentials", "client_id", "a\u0000b", "client_secret", "x")),
				"client_id");
	}

	@Test
	void malformed_percent_encoding_and_wildcard_media_types_are_refused() {
		Browser shopper = browser(this.brand);
		assertProblem(shopper.get("/storefront/api/v1/products?sort=%FF"), 400, "invalid-request");
		RawHttp.Response truncated = RawHttp.send(this.port, "GET /storefront/api/v1/products?sort=% HTTP/1.1\r\nHost: "
				+ this.brand.localHost() + "\r\nConnection: close\r\n\r\n");
		assertThat(truncated.status()).as(truncated.toString()).isEqualTo(400);
		assertThat(truncated.isProblem()).isTrue();
		RawHttp.Response wildcard = RawHttp.send(this.port, "POST /storefront/api/v1/carts HTTP/1.1\r\nHost: "
				+ this.brand.localHost() + "\r\nContent-Type: */*\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
		assertThat(wildcard.status()).as(wildcard.toString()).isEqualTo(415);
		assertThat(wildcard.isProblem()).isTrue();
	}

	@Test
	void null_list_elements_and_null_bodies_are_refused() {
		String token = adminToken(this.brand, Role.OWNER);
		Browser admin = browser(this.brand);
		Browser shopper = browser(this.brand);
		String order = Commerce
			.json(Commerce.checkout(shopper, Commerce.readyCart(shopper, this.scarf.sku(), 1, "FR"), "manual", null))
			.get("order")
			.get("id")
			.asString();
		long fulfillments = this.shop.count("select count(*) from fulfillments");
		assertField(admin.json("POST", "/admin/api/v1/orders/" + order + "/fulfillments", "{\"lines\":[null]}",
				"Authorization", "Bearer " + token), "lines[0]");
		assertThat(this.shop.count("select count(*) from fulfillments")).isEqualTo(fulfillments);

		long prices = this.shop.count("select count(*) from prices");
		assertField(admin.json("PUT", "/admin/api/v1/markets/" + this.eu.id() + "/prices", "{\"prices\":[null]}",
				"Authorization", "Bearer " + token), "prices[0]");
		assertThat(this.shop.count("select count(*) from prices")).isEqualTo(prices);

		assertProblem(shopper.json("POST", "/storefront/graphql", "null"), 400, "invalid-request");
	}

	@Test
	void fractional_quantities_are_refused_not_truncated() {
		Browser shopper = browser(this.brand);
		HttpResponse<String> created = shopper.json("POST", "/storefront/api/v1/carts", "{}");
		String token = Commerce.json(created).get("token").asString();
		HttpResponse<String> added = shopper.json("POST", "/storefront/api/v1/carts/" + token + "/lines",
				"{\"sku\":\"" + this.scarf.sku() + "\",\"quantity\":1.5}");
		JsonNode problem = assertField(added, "quantity");
		assertThat(problem.get("errors").get(0).get("message").asString()).isEqualTo("must be a whole number");
		assertThat(this.shop.count("select count(*) from cart_lines")).isZero();
	}

	private static JsonNode assertField(HttpResponse<String> response, String field) {
		JsonNode problem = assertProblem(response, 400, "invalid-request");
		assertThat(problem.get("errors").get(0).get("field").asString()).as(response.body()).isEqualTo(field);
		assertThat(response.body()).doesNotContain("\\u0000\"").hasSizeLessThan(1024);
		return problem;
	}

	private static JsonNode assertProblem(HttpResponse<String> response, int status, String type) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		JsonNode problem = Browser.JSON.readTree(response.body());
		assertThat(problem.get("type").asString()).isEqualTo("urn:atelier:problem:" + type);
		return problem;
	}

}

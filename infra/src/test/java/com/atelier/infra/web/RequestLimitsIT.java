package com.atelier.infra.web;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.atelier.infra.identity.Browser;
import com.atelier.infra.orders.CommerceTestSupport;
import com.atelier.platform.identity.Role;
import com.atelier.platform.tenancy.Tenant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, defect 5: request bodies are limited per route at the edge (413
 * {@code payload-too-large}, by length and by counting chunked bytes), and no problem
 * echoes input unbounded.
 */
class RequestLimitsIT extends CommerceTestSupport {

	private static final long THIRTY_MB = 30L * 1024 * 1024;

	private Tenant brand;

	@BeforeEach
	void brand() {
		this.brand = brand("limits");
	}

	@Test
	void a_30_mb_body_is_refused_by_its_length_with_a_small_413() {
		RawHttp.Response response = RawHttp.stream(this.port,
				head("POST", "/storefront/api/v1/carts", "Content-Length: " + THIRTY_MB), THIRTY_MB, (byte) 'a', false);
		assertPayloadTooLarge(response, "64 KiB (65536 bytes)");
		assertThat(response.header("connection")).isEqualTo("close");
	}

	@Test
	void a_chunked_body_is_counted_and_refused_past_the_limit() {
		RawHttp.Response response = RawHttp.stream(this.port,
				head("POST", "/storefront/api/v1/carts", "Transfer-Encoding: chunked"), THIRTY_MB, (byte) ' ', true);
		assertPayloadTooLarge(response, "64 KiB");
	}

	@Test
	void payment_webhooks_stop_reading_at_512_kib() {
		String webhook = "/storefront/api/v1/payments/stripe/webhook";
		RawHttp.Response chunked = RawHttp.stream(this.port, head("POST", webhook, "Transfer-Encoding: chunked"),
				THIRTY_MB, (byte) ' ', true);
		assertPayloadTooLarge(chunked, "512 KiB (524288 bytes)");
		RawHttp.Response withinLimit = RawHttp.stream(this.port,
				head("POST", webhook, "Content-Length: " + (400 * 1024)), 400 * 1024, (byte) ' ', false);
		assertThat(withinLimit.status()).as(withinLimit.toString()).isNotEqualTo(413).isBetween(400, 499);
	}

	@Test
	void admin_bulk_endpoints_take_up_to_1_mib_and_the_rest_of_the_admin_api_less() {
		String token = adminToken(this.brand, Role.OWNER);
		RawHttp.Response prices = RawHttp.stream(this.port,
				head("PUT", "/admin/api/v1/markets/00000000-0000-0000-0000-000000000000/prices",
						"Authorization: Bearer " + token, "Content-Length: " + (2 * 1024 * 1024)),
				2 * 1024 * 1024, (byte) ' ', false);
		assertPayloadTooLarge(prices, "1 MiB (1048576 bytes)");
		RawHttp.Response brandPatch = RawHttp.stream(this.port, head("PATCH", "/admin/api/v1/brand",
				"Authorization: Bearer " + token, "Content-Length: " + (512 * 1024)), 512 * 1024, (byte) ' ', false);
		assertPayloadTooLarge(brandPatch, "256 KiB");
	}

	@Test
	void a_10_kb_handle_in_a_path_is_answered_by_a_small_404() {
		commerce(this.brand).market("eu", "EUR", true, true, "FR", "0.2", "20.00");
		String handle = "h".repeat(10 * 1024);
		HttpResponse<String> response = browser(this.brand).get("/storefront/api/v1/products/" + handle);
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).hasSizeLessThan(1024)
			.contains("urn:atelier:problem:not-found")
			.contains("'" + "h".repeat(40) + "…'");
	}

	@Test
	void values_quoted_in_problems_are_short_prefixes() {
		Browser shopper = browser(this.brand);
		HttpResponse<String> market = shopper.json("POST", "/storefront/api/v1/carts",
				"{\"market\":\"" + "m".repeat(60_000) + "\"}");
		assertThat(market.statusCode()).isEqualTo(400);
		assertThat(market.body()).hasSizeLessThan(1024).contains("'" + "m".repeat(40) + "…'");
		HttpResponse<String> email = shopper.json("POST", "/storefront/api/v1/customers",
				"{\"email\":\"" + "e".repeat(60_000) + "\",\"password\":\"" + PASSWORD + "\"}");
		assertThat(email.statusCode()).isEqualTo(400);
		assertThat(email.body()).hasSizeLessThan(1024);
	}

	private String head(String method, String path, String... headers) {
		StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
		head.append("Host: ").append(this.brand.localHost()).append("\r\n");
		head.append("Content-Type: application/json\r\n");
		for (String header : headers) {
			head.append(header).append("\r\n");
		}
		return head.append("\r\n").toString();
	}

	private static void assertPayloadTooLarge(RawHttp.Response response, String limit) {
		assertThat(response.status()).as(response.toString()).isEqualTo(413);
		assertThat(response.isProblem()).as(response.toString()).isTrue();
		assertThat(response.body().length).isLessThan(512);
		assertThat(response.json().get("type").asString()).isEqualTo("urn:atelier:problem:payload-too-large");
		assertThat(response.json().get("detail").asString()).contains(limit);
	}

}

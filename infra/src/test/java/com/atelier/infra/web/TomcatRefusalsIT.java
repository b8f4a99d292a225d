package com.atelier.infra.web;

import org.junit.jupiter.api.Test;

import com.atelier.infra.orders.CommerceTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, defect 16: what Tomcat refuses before the application runs is answered as a
 * problem too, never an HTML page.
 */
class TomcatRefusalsIT extends CommerceTestSupport {

	@Test
	void a_host_header_with_a_bad_port_is_a_problem() {
		assertProblem(request("GET /storefront/api/v1/brand HTTP/1.1\r\nHost: maison.localhost:abc\r\n"));
		assertProblem(request("GET /storefront/api/v1/brand HTTP/1.1\r\nHost: a b\r\n"));
		assertProblem(request("GET /storefront/api/v1/brand HTTP/1.1\r\nHost: a\r\nHost: b\r\n"));
	}

	@Test
	void an_encoded_slash_or_nul_in_the_path_is_a_problem() {
		assertProblem(request("GET /storefront/api/v1/products%2Fx HTTP/1.1\r\nHost: localhost\r\n"));
		assertProblem(request("GET /storefront/api/v1/products/a%00b HTTP/1.1\r\nHost: localhost\r\n"));
		assertProblem(request("GET /storefront/api/v1/products/%C0%AF HTTP/1.1\r\nHost: localhost\r\n"));
	}

	@Test
	void oversized_headers_are_a_problem() {
		assertProblem(request(
				"GET /storefront/api/v1/brand HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000) + "\r\n"));
		assertProblem(request(
				"GET /storefront/api/v1/products?q=" + "a".repeat(20_000) + " HTTP/1.1\r\n" + "Host: localhost\r\n"));
	}

	@Test
	void invalid_request_lines_are_a_problem() {
		assertProblem(request("GET /storefront/api/v1/brand?x=<{|}> HTTP/1.1\r\nHost: localhost\r\n"));
		assertProblem(request("G(T / HTTP/1.1\r\nHost: localhost\r\n"));
		assertProblem(request("GET /storefront/api/v1/brand HTTP/2.0\r\nHost: localhost\r\n"));
		assertProblem(request("GET /storefront/api/v1/brand HTTX/1.1\r\nHost: localhost\r\n"));
		assertProblem(request("GET /storefront/api/v1/brand HTTP/1.1\r\nHost: localhost\r\nBad Header: x\r\n"));
		assertProblem(request("GET /storefront/api/v1/brand HTTP/1.1\r\nHost: localhost\r\nX-Ctl: a\u0001b\r\n"));
	}

	@Test
	void a_method_tomcat_does_not_implement_is_not_allowed_rather_than_a_5xx() {
		RawHttp.Response connect = request("CONNECT /storefront/api/v1/brand HTTP/1.1\r\nHost: localhost\r\n");
		assertProblem(connect);
		assertThat(connect.status()).isEqualTo(405);
		assertThat(connect.header("allow")).contains("GET");
	}

	private RawHttp.Response request(String head) {
		return RawHttp.send(this.port, head + "Connection: close\r\n\r\n");
	}

	private static void assertProblem(RawHttp.Response response) {
		assertThat(response.status()).as(response.toString()).isBetween(400, 499);
		assertThat(response.header("content-type")).as(response.toString()).startsWith("application/problem+json");
		assertThat(response.json().get("status").asInt()).isEqualTo(response.status());
		assertThat(response.json().get("type").asString()).startsWith("urn:atelier:problem:");
		assertThat(response.text()).doesNotContain("<html").hasSizeLessThan(1024);
	}

}

package com.atelier.infra.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.atelier.infra.orders.CommerceTestSupport;
import com.atelier.platform.identity.Operators;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.testing.TestTenants;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, defect 15: the operator API is served only on the operator hosts
 * ({@code atelier.operator.hosts}, default {@code localhost} and {@code 127.0.0.1}); on a
 * brand's host its paths are indistinguishable from an address nothing serves.
 */
class OperatorHostsIT extends CommerceTestSupport {

	@Autowired
	Operators operators;

	@Test
	void the_operator_api_is_an_unknown_path_on_brand_hosts() {
		Tenant brand = brand("ophost");
		String token = this.operators.create("ops-" + TestTenants.uniqueSlug("op"));
		for (String host : List.of(brand.localHost(), "shop.example", "localhost.example")) {
			for (String method : List.of("GET", "POST", "DELETE")) {
				for (String authorization : List.of("", "Authorization: Bearer " + token + "\r\n")) {
					RawHttp.Response operator = request(host, method, "/platform/api/v1/tenants", authorization);
					RawHttp.Response unknown = request(host, method, "/platformx/api/v1/tenants", authorization);
					assertThat(operator.status()).as(operator.toString()).isEqualTo(404);
					assertThat(operator.headers().keySet()).isEqualTo(unknown.headers().keySet());
					assertThat(operator.header("content-type")).isEqualTo(unknown.header("content-type"));
					assertThat(operator.text().replace("/platform/", "/platformx/")).isEqualTo(unknown.text());
				}
			}
		}
		RawHttp.Response suspend = request(brand.localHost(), "POST",
				"/platform/api/v1/tenants/" + brand.slug() + "/suspend", "Authorization: Bearer " + token + "\r\n");
		assertThat(suspend.status()).isEqualTo(404);
		assertThat(browser(brand).get("/storefront/api/v1/brand").statusCode()).isEqualTo(200);
	}

	@Test
	void the_operator_api_answers_on_the_local_names() {
		String token = this.operators.create("ops-" + TestTenants.uniqueSlug("op"));
		for (String host : List.of("localhost", "127.0.0.1", "LOCALHOST")) {
			RawHttp.Response listed = request(host, "GET", "/platform/api/v1/tenants",
					"Authorization: Bearer " + token + "\r\n");
			assertThat(listed.status()).as(host + ": " + listed).isEqualTo(200);
			assertThat(request(host, "GET", "/platform/api/v1/tenants", "").status()).isEqualTo(401);
		}
	}

	private RawHttp.Response request(String host, String method, String path, String headers) {
		return RawHttp.send(this.port, method + " " + path + " HTTP/1.1\r\nHost: " + host + ":" + this.port + "\r\n"
				+ headers + "Content-Length: 0\r\nConnection: close\r\n\r\n");
	}

}

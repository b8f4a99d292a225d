package com.atelier.infra.identity;

import java.net.http.HttpResponse;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.atelier.platform.identity.Operators;
import com.atelier.platform.identity.Permission;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.testing.TestTenants;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator API ({@code /platform/api/v1/tenants}) with operator credentials, and only
 * with them.
 */
class OperatorApiIT extends IdentityTestSupport {

	@Autowired
	Operators operators;

	@Test
	void operators_create_list_show_suspend_and_resume_tenants() {
		String token = this.operators.create("ops-" + TestTenants.uniqueSlug("op"));
		Browser api = new Browser(this.port, "localhost");
		String slug = TestTenants.uniqueSlug("api");

		HttpResponse<String> created = api.json("POST", "/platform/api/v1/tenants",
				"{\"slug\":\"" + slug + "\",\"name\":\"Maison API\",\"currency\":\"GBP\",\"locales\":[\"en-GB\"]}",
				"Authorization", "Bearer " + token);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(created.headers().firstValue("Location")).hasValue("/platform/api/v1/tenants/" + slug);
		assertThat(created.body()).contains("\"status\":\"ACTIVE\"").contains("\"defaultCurrency\":\"GBP\"");

		assertThat(api.bearer("GET", "/platform/api/v1/tenants", token).body()).contains(slug);
		assertThat(api.bearer("GET", "/platform/api/v1/tenants/" + slug, token).body()).contains("Maison API");

		HttpResponse<String> suspended = api.bearer("POST", "/platform/api/v1/tenants/" + slug + "/suspend", token);
		assertThat(suspended.body()).contains("\"status\":\"SUSPENDED\"");
		assertThat(new Browser(this.port, slug + ".localhost").get("/storefront/api/v1/brand").statusCode())
			.isEqualTo(403);
		assertThat(api.bearer("POST", "/platform/api/v1/tenants/" + slug + "/resume", token).body())
			.contains("\"status\":\"ACTIVE\"");
		assertThat(api.bearer("GET", "/platform/api/v1/tenants/no-such-brand", token).statusCode()).isEqualTo(404);
	}

	@Test
	void invalid_input_is_refused_with_field_errors() {
		String token = this.operators.create("ops-" + TestTenants.uniqueSlug("op"));
		HttpResponse<String> bad = new Browser(this.port, "localhost").json("POST", "/platform/api/v1/tenants",
				"{\"slug\":\"Bad Slug\",\"name\":\"\",\"currency\":\"EURO\"}", "Authorization", "Bearer " + token);
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("urn:atelier:problem:invalid-request")
			.contains("\"field\":\"slug\"")
			.contains("\"field\":\"currency\"");
	}

	@Test
	void anything_but_an_operator_token_is_refused() {
		Browser api = new Browser(this.port, "localhost");
		assertThat(api.get("/platform/api/v1/tenants").statusCode()).isEqualTo(401);
		assertThat(api.bearer("GET", "/platform/api/v1/tenants", "atl_op_forged").statusCode()).isEqualTo(401);
		Tenant brand = brand("optoken");
		String tenantToken = clientCredentialsToken(brand, integration(brand, EnumSet.of(Permission.BRAND_READ)),
				"brand:read");
		assertThat(api.bearer("GET", "/platform/api/v1/tenants", tenantToken).statusCode()).isEqualTo(401);
		String revoked = this.operators.create("gone-" + TestTenants.uniqueSlug("op"));
		this.operators.list()
			.stream()
			.filter((o) -> o.name().startsWith("gone-"))
			.forEach((o) -> this.operators.revoke(o.name()));
		assertThat(api.bearer("GET", "/platform/api/v1/tenants", revoked).statusCode()).isEqualTo(401);
	}

}

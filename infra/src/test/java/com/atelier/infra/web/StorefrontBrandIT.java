package com.atelier.infra.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import com.atelier.infra.AtelierApplication;
import com.atelier.platform.brand.BrandChanges;
import com.atelier.platform.brand.Brands;
import com.atelier.platform.identity.Actor;
import com.atelier.platform.tenancy.NewTenant;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantProvisioning;
import com.atelier.testing.TestDatabase;
import com.atelier.testing.TestDatabaseInitializer;
import com.atelier.testing.TestTenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The storefront over real HTTP: the host picks the tenant; each host sees only its own
 * brand; unknown hosts, suspended tenants and unknown paths answer problem details.
 */
@SpringBootTest(classes = AtelierApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "atelier.embedded-db.enabled=false", "atelier.test.database=web" })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class StorefrontBrandIT {

	static Tenant aurele;

	static Tenant kagura;

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@BeforeAll
	static void brands(@Autowired TenantProvisioning provisioning, @Autowired Brands brands) {
		String first = TestTenants.uniqueSlug("aurele");
		aurele = provisioning.create(
				NewTenant.of(first, "Maison Aurèle", "EUR", List.of(first + ".example.fr"), List.of("fr-FR", "en")));
		TenantContext.run(aurele.ref(), () -> brands.update(
				new BrandChanges(null, "https://static.aurele.example/logo.svg", "#2B2A29", "#B08D57", "#FAF7F2"),
				Actor.operator("test")));
		kagura = provisioning.create(NewTenant.of(TestTenants.uniqueSlug("kagura"), "Kagura Atelier", "JPY", List.of(),
				List.of("ja-JP", "en")));
	}

	@Test
	void each_host_sees_only_its_own_brand() throws Exception {
		JsonNode first = json.readTree(get(aurele.localHost(), "/storefront/api/v1/brand").body());
		assertThat(first.get("name").asString()).isEqualTo("Maison Aurèle");
		assertThat(first.get("defaultCurrency").asString()).isEqualTo("EUR");
		assertThat(first.get("locales").valueStream().map(JsonNode::asString)).containsExactly("fr-FR", "en");
		assertThat(first.at("/colors/accent").asString()).isEqualTo("#B08D57");
		assertThat(first.get("logoUrl").asString()).isEqualTo("https://static.aurele.example/logo.svg");

		JsonNode second = json.readTree(get(kagura.localHost(), "/storefront/api/v1/brand").body());
		assertThat(second.get("name").asString()).isEqualTo("Kagura Atelier");
		assertThat(second.get("defaultCurrency").asString()).isEqualTo("JPY");
		assertThat(second.get("logoUrl").isNull()).isTrue();

		JsonNode byDomain = json.readTree(get(aurele.domains().get(0), "/storefront/api/v1/brand").body());
		assertThat(byDomain.get("name").asString()).isEqualTo("Maison Aurèle");
	}

	@Test
	void an_unknown_host_is_a_404_problem() throws Exception {
		for (String host : List.of("nobody.localhost", "x." + aurele.localHost(), "not" + kagura.localHost(),
				"127.0.0.1")) {
			HttpResponse<String> response = get(host, "/storefront/api/v1/brand");
			assertProblem(response, 404, "urn:atelier:problem:unknown-tenant");
		}
	}

	@Test
	void a_suspended_tenant_answers_403_on_every_api() throws Exception {
		Tenant tenant = TestTenants.create(this.provisioning, "paused");
		assertThat(get(tenant.localHost(), "/storefront/api/v1/brand").statusCode()).isEqualTo(200);
		try (Connection connection = TestDatabase.database("web").connect();
				Statement statement = connection.createStatement()) {
			// As another node would: committed change, then the notification.
			statement.execute("update platform.tenants set status = 'SUSPENDED' where id = '" + tenant.id() + "'");
			statement.execute("notify atelier_tenants, '" + tenant.slug() + "'");
		}
		await().atMost(Duration.ofSeconds(1))
			.untilAsserted(() -> assertProblem(get(tenant.localHost(), "/storefront/api/v1/brand"), 403,
					"urn:atelier:problem:tenant-suspended"));
		assertProblem(get(tenant.localHost(), "/storefront/api/v1/anything"), 403,
				"urn:atelier:problem:tenant-suspended");
		assertProblem(get(tenant.localHost(), "/admin/api/v1/brand"), 403, "urn:atelier:problem:tenant-suspended");
	}

	@Test
	void unknown_paths_and_methods_are_problems_without_internals() throws Exception {
		HttpResponse<String> missing = get(kagura.localHost(), "/storefront/api/v1/nothing-here");
		assertProblem(missing, 404, "urn:atelier:problem:not-found");
		assertThat(missing.body()).doesNotContain("static resource").doesNotContain("Exception");
		assertProblem(get("localhost", "/no/such/page"), 404, "urn:atelier:problem:not-found");

		HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/storefront/api/v1/brand"))
			.header("Host", kagura.localHost())
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertProblem(post, 405, "urn:atelier:problem:method-not-allowed");
	}

	@Autowired
	TenantProvisioning provisioning;

	private HttpResponse<String> get(String host, String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(uri(path)).header("Host", host).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static void assertProblem(HttpResponse<String> response, int status, String type) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("application/problem+json"));
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.get("type").asString()).isEqualTo(type);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("title").asString()).isNotBlank();
		assertThat(problem.get("detail").asString()).isNotBlank();
	}

}

package com.atelier.infra.identity;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.atelier.platform.identity.Integrations;
import com.atelier.platform.identity.Permission;
import com.atelier.platform.identity.Role;
import com.atelier.platform.tenancy.Tenant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each role against each admin endpoint: allowed means a 2xx, refused means 403 problem
 * details. Integrations are held to their scopes the same way. Every change is audited.
 */
class RoleMatrixIT extends IdentityTestSupport {

	/** Endpoint, and the roles that may call it. */
	record Endpoint(String method, String path, String body, Set<Role> allowed) {

		String name() {
			return this.method + " " + this.path;
		}

	}

	@Test
	void each_role_may_call_exactly_its_endpoints() {
		Tenant brand = brand("roles");
		Credentials target = staffMember(brand, Role.ANALYST);
		List<Endpoint> endpoints = List.of(new Endpoint("GET", "/admin/api/v1/brand", null, EnumSet.allOf(Role.class)),
				new Endpoint("PATCH", "/admin/api/v1/brand", "{\"accentColor\":\"#123456\"}",
						EnumSet.of(Role.OWNER, Role.ADMIN, Role.MERCHANDISER)),
				new Endpoint("GET", "/admin/api/v1/staff", null, EnumSet.of(Role.OWNER, Role.ADMIN)),
				new Endpoint("GET", "/admin/api/v1/staff/" + target.id(), null, EnumSet.of(Role.OWNER, Role.ADMIN)),
				new Endpoint("POST", "/admin/api/v1/staff", null, EnumSet.of(Role.OWNER, Role.ADMIN)),
				new Endpoint("PATCH", "/admin/api/v1/staff/" + target.id(), "{\"displayName\":\"Renamed\"}",
						EnumSet.of(Role.OWNER, Role.ADMIN)),
				new Endpoint("GET", "/admin/api/v1/audit-events", null,
						EnumSet.of(Role.OWNER, Role.ADMIN, Role.ANALYST)));
		Map<Role, String> tokens = new EnumMap<>(Role.class);
		for (Role role : Role.values()) {
			Credentials member = staffMember(brand, role);
			tokens.put(role,
					browser(brand).tokens("admin-console", member.email(), member.password())
						.get("access_token")
						.asString());
		}
		List<String> wrong = new ArrayList<>();
		Browser browser = browser(brand);
		for (Endpoint endpoint : endpoints) {
			for (Role role : Role.values()) {
				HttpResponse<String> response = call(browser, endpoint, tokens.get(role));
				boolean allowed = endpoint.allowed().contains(role);
				boolean ok = allowed ? response.statusCode() / 100 == 2
						: response.statusCode() == 403 && response.body().contains("urn:atelier:problem:forbidden");
				if (!ok) {
					wrong.add(role + " " + endpoint.name() + " -> " + response.statusCode() + " " + response.body());
				}
			}
		}
		assertThat(wrong).as("role matrix mismatches").isEmpty();
	}

	@Test
	void a_staff_token_holds_only_what_both_the_role_and_the_granted_scopes_allow() {
		Tenant brand = brand("granted");
		Credentials owner = staffMember(brand, Role.OWNER);
		Browser browser = browser(brand);
		String token = browser.tokens("admin-console", "openid orders:read", owner.email(), owner.password())
			.get("access_token")
			.asString();
		assertThat(browser.bearer("GET", "/admin/api/v1/orders", token).statusCode()).as("granted and in the role")
			.isEqualTo(200);
		HttpResponse<String> write = browser.json("POST", "/admin/api/v1/products",
				"{\"handle\":\"scarf\",\"title\":\"Scarf\",\"variants\":[{\"sku\":\"SCARF-1\"}]}", "Authorization",
				"Bearer " + token);
		assertThat(write.statusCode()).as("an owner's token granted only orders:read cannot write the catalogue")
			.isEqualTo(403);
		assertThat(browser.bearer("GET", "/admin/api/v1/brand", token).statusCode()).as("not granted").isEqualTo(403);

		Credentials analyst = staffMember(brand, Role.ANALYST);
		String beyondRole = browser(brand)
			.tokens("admin-console", "openid catalog:write catalog:read", analyst.email(), analyst.password())
			.get("access_token")
			.asString();
		assertThat(browser.bearer("GET", "/admin/api/v1/products", beyondRole).statusCode()).isEqualTo(200);
		assertThat(browser.json("POST", "/admin/api/v1/products", "{}", "Authorization", "Bearer " + beyondRole)
			.statusCode()).as("a granted scope beyond the role gives nothing").isEqualTo(403);
	}

	@Test
	void integrations_are_held_to_their_scopes() {
		Tenant brand = brand("scopes");
		Integrations.Credentials reader = integration(brand, EnumSet.of(Permission.BRAND_READ, Permission.STAFF_READ));
		String token = clientCredentialsToken(brand, reader, "brand:read");
		Browser browser = browser(brand);
		assertThat(browser.bearer("GET", "/admin/api/v1/brand", token).statusCode()).isEqualTo(200);
		assertThat(browser.bearer("GET", "/admin/api/v1/staff", token).statusCode()).as("scope not requested")
			.isEqualTo(403);
		assertThat(
				call(browser, new Endpoint("PATCH", "/admin/api/v1/brand", "{\"accentColor\":\"#654321\"}", Set.of()),
						token)
					.statusCode())
			.as("scope not granted")
			.isEqualTo(403);
		HttpResponse<String> beyond = browser.postForm("/oauth2/token",
				Map.of("grant_type", "client_credentials", "scope", "brand:write"), "Authorization", basic(reader));
		assertThat(beyond.statusCode()).isEqualTo(400);
		assertThat(beyond.body()).contains("invalid_scope");
	}

	@Test
	void admin_changes_are_audited_with_actor_before_and_after() {
		Tenant brand = brand("audit");
		Credentials owner = staffMember(brand, Role.OWNER);
		Browser browser = browser(brand);
		String token = browser.tokens("admin-console", owner.email(), owner.password()).get("access_token").asString();
		HttpResponse<String> patch = browser.json("PATCH", "/admin/api/v1/brand",
				"{\"displayName\":\"Maison Renommée\"}", "Authorization", "Bearer " + token);
		assertThat(patch.statusCode()).as(patch.body()).isEqualTo(200);
		HttpResponse<String> created = browser.json("POST", "/admin/api/v1/staff",
				"{\"email\":\"new@example.com\",\"role\":\"MERCHANDISER\"}", "Authorization", "Bearer " + token);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(created.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).startsWith("/admin/api/v1/staff/"));
		assertThat(created.body()).contains("oneTimePassword");

		JsonNode events = Browser.JSON
			.readTree(browser.bearer("GET", "/admin/api/v1/audit-events?limit=2", token).body())
			.get("items");
		assertThat(events.get(0).get("action").asString()).isEqualTo("staff.created");
		assertThat(events.get(0).at("/after/email").asString()).isEqualTo("new@example.com");
		assertThat(events.get(0).get("after").has("passwordHash")).isFalse();
		JsonNode brandChange = events.get(1);
		assertThat(brandChange.get("action").asString()).isEqualTo("brand.updated");
		assertThat(brandChange.at("/actor/type").asString()).isEqualTo("staff");
		assertThat(brandChange.at("/actor/id").asString()).isEqualTo(owner.id());
		assertThat(brandChange.at("/actor/name").asString()).isEqualTo(owner.email());
		assertThat(brandChange.at("/before/displayName").asString()).isEqualTo("Maison audit");
		assertThat(brandChange.at("/after/displayName").asString()).isEqualTo("Maison Renommée");

		JsonNode page = Browser.JSON
			.readTree(browser.bearer("GET", "/admin/api/v1/audit-events?limit=1", token).body());
		String next = page.get("next").asString();
		JsonNode second = Browser.JSON
			.readTree(browser.bearer("GET", "/admin/api/v1/audit-events?limit=1&after=" + next, token).body());
		assertThat(second.at("/items/0/id").asString()).isEqualTo(brandChange.get("id").asString());
	}

	@Test
	void invalid_admin_input_is_a_problem_with_field_errors_and_changes_nothing() {
		Tenant brand = brand("invalid");
		Credentials owner = staffMember(brand, Role.OWNER);
		Browser browser = browser(brand);
		String token = browser.tokens("admin-console", owner.email(), owner.password()).get("access_token").asString();
		HttpResponse<String> bad = browser.json("PATCH", "/admin/api/v1/brand",
				"{\"accentColor\":\"gold\",\"logoUrl\":\"javascript:alert(1)\"}", "Authorization", "Bearer " + token);
		assertThat(bad.statusCode()).isEqualTo(400);
		JsonNode problem = Browser.JSON.readTree(bad.body());
		assertThat(problem.get("type").asString()).isEqualTo("urn:atelier:problem:invalid-request");
		assertThat(problem.get("errors").valueStream().map((e) -> e.get("field").asString()))
			.containsExactlyInAnyOrder("logoUrl", "accentColor");
		assertThat(browser.bearer("GET", "/admin/api/v1/brand", token).body()).doesNotContain("gold");
		HttpResponse<String> malformed = browser.json("PATCH", "/admin/api/v1/brand", "{not json", "Authorization",
				"Bearer " + token);
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(malformed.body()).contains("urn:atelier:problem:invalid-request").doesNotContain("Exception");
		HttpResponse<String> duplicate = browser.json("POST", "/admin/api/v1/staff",
				"{\"email\":\"" + owner.email() + "\",\"role\":\"ADMIN\"}", "Authorization", "Bearer " + token);
		assertThat(duplicate.statusCode()).isEqualTo(409);
		assertThat(browser.bearer("GET", "/admin/api/v1/staff/not-a-uuid", token).statusCode()).isEqualTo(400);
		assertThat(browser.bearer("GET", "/admin/api/v1/staff/" + java.util.UUID.randomUUID(), token).statusCode())
			.isEqualTo(404);
	}

	@Test
	void only_owners_manage_owners_and_the_last_owner_stays() {
		Tenant brand = brand("owners");
		Credentials owner = staffMember(brand, Role.OWNER);
		Credentials admin = staffMember(brand, Role.ADMIN);
		Browser browser = browser(brand);
		String adminToken = browser.tokens("admin-console", admin.email(), admin.password())
			.get("access_token")
			.asString();
		String ownerToken = new Browser(this.port, brand.localHost())
			.tokens("admin-console", owner.email(), owner.password())
			.get("access_token")
			.asString();
		assertThat(browser
			.json("POST", "/admin/api/v1/staff", "{\"email\":\"boss@example.com\",\"role\":\"OWNER\"}", "Authorization",
					"Bearer " + adminToken)
			.statusCode()).isEqualTo(403);
		assertThat(browser
			.json("PATCH", "/admin/api/v1/staff/" + owner.id(), "{\"active\":false}", "Authorization",
					"Bearer " + adminToken)
			.statusCode()).isEqualTo(403);
		HttpResponse<String> last = browser.json("PATCH", "/admin/api/v1/staff/" + owner.id(), "{\"role\":\"ADMIN\"}",
				"Authorization", "Bearer " + ownerToken);
		assertThat(last.statusCode()).isEqualTo(409);
		assertThat(last.body()).contains("urn:atelier:problem:last-owner");
	}

	private static HttpResponse<String> call(Browser browser, Endpoint endpoint, String token) {
		String body = endpoint.body();
		if (endpoint.method().equals("POST")) {
			body = "{\"email\":\"" + java.util.UUID.randomUUID() + "@example.com\",\"role\":\"ANALYST\"}";
		}
		if (body == null) {
			return browser.bearer(endpoint.method(), endpoint.path(), token);
		}
		return browser.json(endpoint.method(), endpoint.path(), body, "Authorization", "Bearer " + token);
	}

}

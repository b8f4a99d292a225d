package com.atelier.infra.identity;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.beans.factory.annotation.Autowired;

import com.atelier.infra.AtelierApplication;
import com.atelier.platform.identity.Role;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authorization state lives in PostgreSQL: a flow started on one node finishes on
 * another. And the consent page, for clients that ask for it, is the brand's.
 */
class MultiNodeAndConsentIT extends IdentityTestSupport {

	static ConfigurableApplicationContext secondNode;

	@Autowired
	RegisteredClientRepository clients;

	@AfterAll
	static void stopSecondNode() {
		if (secondNode != null) {
			secondNode.close();
		}
	}

	private int secondNodePort() {
		if (secondNode == null) {
			TestDatabase.Coordinates db = TestDatabase.database("identity");
			secondNode = new SpringApplicationBuilder(AtelierApplication.class)
				.properties("server.port=0", "spring.datasource.url=" + db.url(),
						"spring.datasource.username=" + db.user(), "spring.datasource.password=" + db.password(),
						"atelier.master-key=" + TestDatabase.masterKey(), "atelier.embedded-db.enabled=false")
				// A command-line argument: application.yaml's server.port (PORT, else
				// 8080)
				// outranks default properties.
				.run("--server.port=0");
		}
		return ((WebServerApplicationContext) secondNode).getWebServer().getPort();
	}

	@Test
	void sign_in_on_one_node_and_finish_the_flow_on_another() {
		Tenant brand = brand("nodes");
		Credentials owner = staffMember(brand, Role.OWNER);
		int other = secondNodePort();
		Browser browser = browser(brand);
		Browser.Pkce pkce = Browser.Pkce.create();

		HttpResponse<String> authorize = browser
			.get("/oauth2/authorize?" + Browser.authorizeQuery("admin-console", pkce), "Accept", "text/html");
		assertThat(authorize.statusCode()).isEqualTo(302);
		browser.node(other);
		HttpResponse<String> page = browser.get("/login/staff");
		HttpResponse<String> signIn = browser.postForm("/login/staff",
				Map.of("username", owner.email(), "password", owner.password(), "_csrf", Browser.csrf(page.body())));
		URI resume = Browser.location(signIn);
		assertThat(resume.getPath()).as("the saved request came back from the other node")
			.isEqualTo("/oauth2/authorize");
		browser.node(this.port);
		HttpResponse<String> code = browser.get(resume.getRawPath() + "?" + resume.getRawQuery(), "Accept",
				"text/html");
		String value = Browser.query(Browser.location(code)).get("code");
		assertThat(value).isNotNull();
		browser.node(other);
		HttpResponse<String> tokens = browser.exchange("admin-console", value, pkce.verifier());
		assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
		String access = Browser.JSON.readTree(tokens.body()).get("access_token").asString();
		browser.node(this.port);
		assertThat(browser.bearer("GET", "/admin/api/v1/brand", access).statusCode()).isEqualTo(200);

		// A key rotation on one node reaches the other within a second: it signs with the
		// new key.
		var client = integration(brand, java.util.EnumSet.of(com.atelier.platform.identity.Permission.BRAND_READ));
		String before = clientCredentialsToken(brand, client, "brand:read");
		String kid = TenantContext.call(brand.ref(),
				() -> secondNode.getBean(com.atelier.platform.identity.SigningKeys.class).rotate(OPERATOR));
		assertThat(kid(before)).isNotEqualTo(kid);
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(kid(clientCredentialsToken(brand, client, "brand:read"))).isEqualTo(kid));
		assertThat(browser.bearer("GET", "/admin/api/v1/brand", before).statusCode()).isEqualTo(200);
	}

	@Test
	void an_emergency_rotation_on_one_node_stops_old_tokens_on_another_within_a_second() {
		Tenant brand = brand("emergency");
		var client = integration(brand, java.util.EnumSet.of(com.atelier.platform.identity.Permission.BRAND_READ));
		String before = clientCredentialsToken(brand, client, "brand:read");
		Browser browser = browser(brand);
		// This node has the brand's keys cached.
		assertThat(browser.bearer("GET", "/admin/api/v1/brand", before).statusCode()).isEqualTo(200);
		int other = secondNodePort();

		TenantContext.call(brand.ref(),
				() -> secondNode.getBean(com.atelier.platform.identity.SigningKeys.class).rotate(OPERATOR, true));

		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(1))
			.untilAsserted(
					() -> assertThat(browser.bearer("GET", "/admin/api/v1/brand", before).statusCode()).isEqualTo(401));
		assertThat(browser.node(other).bearer("GET", "/admin/api/v1/brand", before).statusCode()).isEqualTo(401);
	}

	private static String kid(String jwt) {
		return Browser.JSON
			.readTree(new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[0]),
					java.nio.charset.StandardCharsets.UTF_8))
			.get("kid")
			.asString();
	}

	@Test
	void a_repeated_scope_on_the_consent_page_or_in_the_consent_is_a_client_error() {
		Tenant brand = brand("repeat");
		Credentials owner = staffMember(brand, Role.OWNER);
		TenantContext.run(brand.ref(), () -> this.clients.save(partnerClient()));
		Browser browser = browser(brand);
		Browser.Pkce pkce = Browser.Pkce.create();
		HttpResponse<String> authorize = browser.get(
				"/oauth2/authorize?" + Browser.authorizeQuery("partner-app", "openid brand:read", pkce), "Accept",
				"text/html");
		HttpResponse<String> page = browser.get(Browser.location(authorize).getPath());
		HttpResponse<String> signIn = browser.postForm("/login/staff",
				Map.of("username", owner.email(), "password", owner.password(), "_csrf", Browser.csrf(page.body())));
		URI resume = Browser.location(signIn);
		URI consentUri = Browser
			.location(browser.get(resume.getRawPath() + "?" + resume.getRawQuery(), "Accept", "text/html"));
		Map<String, String> query = Browser.query(consentUri);

		for (String scope : List.of("openid%20openid", "brand%3Aread%20brand%3Aread", "openid+openid+brand%3Aread")) {
			HttpResponse<String> repeated = browser.get("/oauth2/consent?client_id=partner-app&state="
					+ java.net.URLEncoder.encode(query.get("state"), java.nio.charset.StandardCharsets.UTF_8)
					+ "&scope=" + scope);
			assertThat(repeated.statusCode()).as(scope + ": " + repeated.body()).isEqualTo(400);
			assertThat(repeated.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		}
		HttpResponse<String> consent = browser.get(consentUri.getRawPath() + "?" + consentUri.getRawQuery());
		assertThat(consent.statusCode()).isEqualTo(200);
		HttpResponse<String> twice = browser.postRaw("/oauth2/authorize",
				"client_id=partner-app&state="
						+ java.net.URLEncoder.encode(query.get("state"), java.nio.charset.StandardCharsets.UTF_8)
						+ "&scope=brand%3Aread&scope=brand%3Aread&_csrf=" + Browser.csrf(consent.body()));
		// The authorization server reads the consent's scopes as a set: a repeated one
		// counts once, and the flow completes.
		assertThat(twice.statusCode()).as(twice.body()).isEqualTo(302);
		assertThat(Browser.location(twice).toString()).startsWith(Browser.REDIRECT_URI);
	}

	private static RegisteredClient partnerClient() {
		return RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId("partner-app")
			.clientName("Partner App")
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(Browser.REDIRECT_URI)
			.scope("openid")
			.scope("brand:read")
			.clientSettings(ClientSettings.builder()
				.requireProofKey(true)
				.requireAuthorizationConsent(true)
				.setting("settings.atelier.audience", "admin")
				.build())
			.build();
	}

	@Test
	void a_client_that_asks_for_consent_gets_the_brands_consent_page() {
		Tenant brand = brand("consent");
		Credentials owner = staffMember(brand, Role.OWNER);
		RegisteredClient partner = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId("partner-app")
			.clientName("Partner App")
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(Browser.REDIRECT_URI)
			.scope("openid")
			.scope("brand:read")
			.clientSettings(ClientSettings.builder()
				.requireProofKey(true)
				.requireAuthorizationConsent(true)
				.setting("settings.atelier.audience", "admin")
				.build())
			.build();
		TenantContext.run(brand.ref(), () -> this.clients.save(partner));
		Browser browser = browser(brand);
		Browser.Pkce pkce = Browser.Pkce.create();
		HttpResponse<String> authorize = browser.get(
				"/oauth2/authorize?" + Browser.authorizeQuery("partner-app", "openid brand:read", pkce), "Accept",
				"text/html");
		HttpResponse<String> page = browser.get(Browser.location(authorize).getPath());
		HttpResponse<String> signIn = browser.postForm("/login/staff",
				Map.of("username", owner.email(), "password", owner.password(), "_csrf", Browser.csrf(page.body())));
		URI resume = Browser.location(signIn);
		HttpResponse<String> toConsent = browser.get(resume.getRawPath() + "?" + resume.getRawQuery(), "Accept",
				"text/html");
		URI consentUri = Browser.location(toConsent);
		assertThat(consentUri.getPath()).isEqualTo("/oauth2/consent");
		HttpResponse<String> consent = browser.get(consentUri.getRawPath() + "?" + consentUri.getRawQuery());
		assertThat(consent.statusCode()).isEqualTo(200);
		assertThat(consent.body()).contains("Partner App").contains("Maison consent").contains("brand:read");

		Map<String, String> state = Browser.query(consentUri);
		HttpResponse<String> allow = browser.postForm("/oauth2/authorize", Map.of("client_id", "partner-app", "state",
				state.get("state"), "scope", "brand:read", "_csrf", Browser.csrf(consent.body())));
		URI callback = Browser.location(allow);
		assertThat(callback.toString()).startsWith(Browser.REDIRECT_URI);
		String code = Browser.query(callback).get("code");
		HttpResponse<String> tokens = browser.exchange("partner-app", code, pkce.verifier());
		assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
		JsonNode claims = claims(Browser.JSON.readTree(tokens.body()).get("access_token").asString());
		assertThat(claims.get("scope").valueStream().map(JsonNode::asString)).contains("brand:read");
	}

}

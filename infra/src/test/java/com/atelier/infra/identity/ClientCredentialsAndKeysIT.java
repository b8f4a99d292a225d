package com.atelier.infra.identity;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.atelier.platform.identity.Integrations;
import com.atelier.platform.identity.Permission;
import com.atelier.platform.identity.SigningKeys;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Brand integrations (client credentials) and signing key rotation.
 */
class ClientCredentialsAndKeysIT extends IdentityTestSupport {

	@Autowired
	SigningKeys keys;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	com.atelier.platform.cluster.ClusterSignals signals;

	@Test
	void an_integration_gets_a_token_with_its_scopes_and_a_wrong_secret_gets_nothing() {
		Tenant brand = brand("erp");
		Integrations.Credentials client = integration(brand, EnumSet.of(Permission.BRAND_READ, Permission.AUDIT_READ));
		String token = clientCredentialsToken(brand, client, "brand:read audit:read");
		JsonNode claims = claims(token);
		assertThat(claims.get("sub").asString()).isEqualTo(client.clientId());
		assertThat(claims.get("principal_type").asString()).isEqualTo("client");
		assertThat(claims.get("aud").asString()).isEqualTo("urn:atelier:api:admin");
		assertThat(claims.get("scope").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder("brand:read",
				"audit:read");
		assertThat(browser(brand).bearer("GET", "/admin/api/v1/audit-events", token).statusCode()).isEqualTo(200);

		HttpResponse<String> wrongSecret = browser(brand).postForm("/oauth2/token",
				Map.of("grant_type", "client_credentials"), "Authorization",
				basic(new Integrations.Credentials(client.clientId(), client.clientSecret() + "x")));
		assertThat(wrongSecret.statusCode()).isEqualTo(401);
		HttpResponse<String> otherBrand = browser(brand("else")).postForm("/oauth2/token",
				Map.of("grant_type", "client_credentials"), "Authorization", basic(client));
		assertThat(otherBrand.statusCode()).as("clients are per brand").isEqualTo(401);
		HttpResponse<String> password = browser(brand).postForm("/oauth2/token",
				Map.of("grant_type", "password", "username", "a", "password", "b"), "Authorization", basic(client));
		assertThat(password.statusCode()).isEqualTo(400);
		assertThat(password.body()).contains("unsupported_grant_type");
	}

	@Test
	void secrets_are_stored_hashed_and_never_upgraded() {
		Tenant brand = brand("hash");
		Integrations.Credentials client = integration(brand, EnumSet.of(Permission.BRAND_READ));
		clientCredentialsToken(brand, client, "brand:read");
		String stored = TenantContext.call(brand.ref(),
				() -> this.jdbc.queryForObject("select client_secret from oauth2_registered_client where client_id = ?",
						String.class, client.clientId()));
		assertThat(stored).startsWith("{sha256}").doesNotContain(client.clientSecret());
	}

	@Test
	void a_revoked_integration_gets_no_token_and_its_tokens_stop_working() {
		Tenant brand = brand("revoke");
		Integrations.Credentials client = integration(brand, EnumSet.of(Permission.BRAND_READ));
		String token = clientCredentialsToken(brand, client, "brand:read");
		Browser browser = browser(brand);
		assertThat(browser.bearer("GET", "/admin/api/v1/brand", token).statusCode()).isEqualTo(200);

		TenantContext.run(brand.ref(), () -> this.integrations.revoke(client.clientId(), OPERATOR));

		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(
					() -> assertThat(browser.bearer("GET", "/admin/api/v1/brand", token).statusCode()).isEqualTo(401));
		HttpResponse<String> again = browser.postForm("/oauth2/token", Map.of("grant_type", "client_credentials"),
				"Authorization", basic(client));
		assertThat(again.statusCode()).isEqualTo(401);
	}

	@Test
	void tokens_signed_before_a_rotation_stay_valid_and_new_ones_use_the_new_key() {
		Tenant brand = brand("rotate");
		Integrations.Credentials client = integration(brand, EnumSet.of(Permission.BRAND_READ));
		String before = clientCredentialsToken(brand, client, "brand:read");
		String oldKid = header(before).get("kid").asString();

		String newKid = TenantContext.call(brand.ref(), () -> this.keys.rotate(OPERATOR));

		String after = clientCredentialsToken(brand, client, "brand:read");
		assertThat(header(after).get("kid").asString()).isEqualTo(newKid).isNotEqualTo(oldKid);
		Browser browser = browser(brand);
		assertThat(browser.bearer("GET", "/admin/api/v1/brand", before).statusCode()).isEqualTo(200);
		assertThat(browser.bearer("GET", "/admin/api/v1/brand", after).statusCode()).isEqualTo(200);
		JsonNode jwks = Browser.JSON.readTree(browser.get("/oauth2/jwks").body());
		assertThat(jwks.get("keys").valueStream().map((k) -> k.get("kid").asString())).containsExactlyInAnyOrder(oldKid,
				newKid);
		byte[] stored = TenantContext.call(brand.ref(), () -> this.jdbc
			.queryForObject("select private_key_encrypted from signing_keys where kid = ?", byte[].class, newKid));
		assertThat(stored).as("private keys are encrypted at rest").isNotEmpty();
		assertThat(isPkcs8(stored)).isFalse();
	}

	@Test
	void a_retired_key_verifies_only_while_its_tokens_can_live() {
		Tenant brand = brand("retire");
		Integrations.Credentials client = integration(brand, EnumSet.of(Permission.BRAND_READ));
		String before = clientCredentialsToken(brand, client, "brand:read");
		String oldKid = header(before).get("kid").asString();
		TenantContext.run(brand.ref(), () -> this.keys.rotate(OPERATOR));
		Browser browser = browser(brand);
		assertThat(browser.bearer("GET", "/admin/api/v1/brand", before).statusCode()).isEqualTo(200);

		// The longest token lifetime (30 minutes) plus the clock skew (30 s) has passed.
		TenantContext.run(brand.ref(), () -> this.jdbc
			.update("update signing_keys set retired_at = now() - interval '31 minutes' where kid = ?", oldKid));
		this.signals.publish("atelier_keys", brand.id().toString());

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(
					() -> assertThat(browser.bearer("GET", "/admin/api/v1/brand", before).statusCode()).isEqualTo(401));
		JsonNode jwks = Browser.JSON.readTree(browser.get("/oauth2/jwks").body());
		assertThat(jwks.get("keys").valueStream().map((k) -> k.get("kid").asString())).doesNotContain(oldKid);
	}

	@Test
	void an_emergency_rotation_revokes_the_old_keys_at_once() {
		Tenant brand = brand("breach");
		Integrations.Credentials client = integration(brand, EnumSet.of(Permission.BRAND_READ));
		String before = clientCredentialsToken(brand, client, "brand:read");
		Browser browser = browser(brand);
		assertThat(browser.bearer("GET", "/admin/api/v1/brand", before).statusCode()).isEqualTo(200);

		String newKid = TenantContext.call(brand.ref(), () -> this.keys.rotate(OPERATOR, true));

		assertThat(browser.bearer("GET", "/admin/api/v1/brand", before).statusCode())
			.as("a token signed by the revoked key")
			.isEqualTo(401);
		String after = clientCredentialsToken(brand, client, "brand:read");
		assertThat(header(after).get("kid").asString()).isEqualTo(newKid);
		assertThat(browser.bearer("GET", "/admin/api/v1/brand", after).statusCode()).isEqualTo(200);
		JsonNode jwks = Browser.JSON.readTree(browser.get("/oauth2/jwks").body());
		assertThat(jwks.get("keys").valueStream().map((k) -> k.get("kid").asString())).containsExactly(newKid);
		assertThat(TenantContext.call(brand.ref(), () -> this.keys.list())).extracting(SigningKeys.KeyInfo::status)
			.containsExactlyInAnyOrder(SigningKeys.KeyInfo.Status.SIGNING, SigningKeys.KeyInfo.Status.REVOKED);
	}

	private static boolean isPkcs8(byte[] bytes) {
		try {
			java.security.KeyFactory.getInstance("RSA")
				.generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(bytes));
			return true;
		}
		catch (Exception ex) {
			return false;
		}
	}

	private static JsonNode header(String jwt) {
		return Browser.JSON.readTree(new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[0]),
				java.nio.charset.StandardCharsets.UTF_8));
	}

}

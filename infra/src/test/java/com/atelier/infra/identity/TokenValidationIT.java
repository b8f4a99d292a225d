package com.atelier.infra.identity;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

import com.atelier.platform.identity.Integrations;
import com.atelier.platform.identity.Permission;
import com.atelier.platform.identity.Role;
import com.atelier.platform.tenancy.NewTenant;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token is accepted only by its own tenant's APIs (PITFALLS 6), and only when it is
 * genuine: the JWT attack suite and the cross-tenant matrix, over real HTTP.
 */
class TokenValidationIT extends IdentityTestSupport {

	static Tenant acme;

	static Tenant other;

	static Tenant suffix;

	static Map<String, String> acmeTokens;

	static Map<String, String> acmeIdTokens;

	static final String ADMIN_AUDIENCE = com.atelier.platform.identity.Audience.ADMIN.value();

	static final String STOREFRONT_AUDIENCE = com.atelier.platform.identity.Audience.STOREFRONT.value();

	@Autowired
	JwtEncoder encoder;

	private synchronized void setUp() {
		if (acme != null) {
			return;
		}
		acme = brand("acme");
		other = brand("other");
		// A tenant whose slug ends with acme's: an endsWith issuer check would mix them
		// up.
		suffix = this.provisioning
			.create(NewTenant.of("x" + acme.slug().value(), "Suffix", "EUR", List.of(), List.of("en")));
		Credentials owner = staffMember(acme, Role.OWNER);
		Credentials shopper = customer(acme);
		Integrations.Credentials client = integration(acme, EnumSet.of(Permission.BRAND_READ));
		JsonNode staffTokens = browser(acme).tokens("admin-console", owner.email(), owner.password());
		JsonNode shopperTokens = browser(acme).tokens("storefront", shopper.email(), shopper.password());
		acmeTokens = Map.of("admin (staff)", staffTokens.get("access_token").asString(), "storefront (shopper)",
				shopperTokens.get("access_token").asString(), "admin (integration)",
				clientCredentialsToken(acme, client, "brand:read"));
		acmeIdTokens = Map.of("staff", staffTokens.get("id_token").asString(), "shopper",
				shopperTokens.get("id_token").asString());
	}

	@Test
	void id_tokens_are_not_access_tokens_for_any_api() {
		setUp();
		List<String> accepted = new ArrayList<>();
		for (Map.Entry<String, String> token : acmeIdTokens.entrySet()) {
			for (String path : List.of("/admin/api/v1/brand", "/storefront/api/v1/customers/me", "/userinfo")) {
				int status = status(acme, path, token.getValue());
				if (status != 401) {
					accepted.add(token.getKey() + "'s id_token on " + path + " -> " + status);
				}
			}
		}
		assertThat(accepted).as("ID tokens must be refused as access tokens").isEmpty();
		JsonNode idClaims = claims(acmeIdTokens.get("shopper"));
		assertThat(idClaims.has("tenant")).as("no tenant authority claim in an ID token").isFalse();
		assertThat(idClaims.has("principal_type")).isFalse();
	}

	@Test
	void access_tokens_are_typed_and_their_audience_is_never_a_client_id() {
		setUp();
		for (String token : acmeTokens.values()) {
			assertThat(header(token).get("typ").asString()).isEqualTo("at+jwt");
			assertThat(claims(token).get("aud").asString()).isNotIn("admin-console", "storefront", "admin");
		}
		assertThat(header(acmeIdTokens.get("shopper")).has("typ")
				&& "at+jwt".equalsIgnoreCase(header(acmeIdTokens.get("shopper")).get("typ").asString()))
			.isFalse();
	}

	@Test
	void a_tenants_tokens_work_on_its_own_apis() {
		setUp();
		assertThat(status(acme, "/admin/api/v1/brand", acmeTokens.get("admin (staff)"))).isEqualTo(200);
		assertThat(status(acme, "/admin/api/v1/brand", acmeTokens.get("admin (integration)"))).isEqualTo(200);
		assertThat(status(acme, "/storefront/api/v1/customers/me", acmeTokens.get("storefront (shopper)")))
			.isEqualTo(200);
		assertThat(status(acme, "/admin/api/v1/brand", mint(acme, (claims) -> {
		}))).as("a token minted by the test harness is valid as a baseline").isEqualTo(200);
	}

	@Test
	void every_token_of_one_tenant_is_refused_by_another_and_by_a_suffix_named_tenant() {
		setUp();
		List<String> accepted = new ArrayList<>();
		for (Tenant target : List.of(other, suffix)) {
			for (Map.Entry<String, String> token : acmeTokens.entrySet()) {
				for (String path : List.of("/admin/api/v1/brand", "/admin/api/v1/staff",
						"/storefront/api/v1/customers/me", "/storefront/api/v1/brand")) {
					int status = status(target, path, token.getValue());
					if (status != 401) {
						accepted.add(token.getKey() + " on " + target.slug() + path + " -> " + status);
					}
				}
			}
		}
		assertThat(accepted).as("tenant A's tokens must be refused with 401 elsewhere").isEmpty();
	}

	@Test
	void a_token_for_one_api_is_refused_by_the_other() {
		setUp();
		assertThat(status(acme, "/admin/api/v1/brand", acmeTokens.get("storefront (shopper)"))).isEqualTo(401);
		assertThat(status(acme, "/storefront/api/v1/customers/me", acmeTokens.get("admin (staff)"))).isEqualTo(401);
	}

	@Test
	void forged_and_malformed_tokens_are_401() {
		setUp();
		String valid = mint(acme, (claims) -> {
		});
		String[] parts = valid.split("\\.");
		String otherIssuer = "http://" + other.localHost() + ":" + this.port;
		String suffixIssuer = "http://" + suffix.localHost() + ":" + this.port;
		Map<String, String> attacks = new java.util.LinkedHashMap<>();
		attacks.put("alg none", b64("{\"alg\":\"none\"}") + "." + parts[1] + ".");
		attacks.put("alg none, no dot", b64("{\"alg\":\"none\"}") + "." + parts[1]);
		attacks.put("HS256 keyed with the public key (DER)", hs256(parts[1], publicKey(acme).getEncoded()));
		attacks.put("HS256 keyed with the public key (PEM)", hs256(parts[1], pem(publicKey(acme))));
		attacks.put("unknown kid", signedWithFreshKey(parts[1], "no-such-kid"));
		attacks.put("right kid, wrong key", signedWithFreshKey(parts[1], kid(acme)));
		attacks.put("foreign issuer", mint(acme, (claims) -> claims.issuer(otherIssuer)));
		attacks.put("issuer of a suffix-named tenant", mint(acme, (claims) -> claims.issuer(suffixIssuer)));
		attacks.put("issuer that is not a URL", mint(acme, (claims) -> claims.issuer("acme")));
		attacks.put("no tenant claim", mint(acme, (claims) -> claims.claims((c) -> c.remove("tenant"))));
		attacks.put("other tenant's id", mint(acme, (claims) -> claims.claim("tenant", other.id().toString())));
		attacks.put("wrong audience", mint(acme, (claims) -> claims.audience(List.of(STOREFRONT_AUDIENCE))));
		attacks.put("the admin console's client id as audience",
				mint(acme, (claims) -> claims.audience(List.of("admin-console"))));
		attacks.put("no audience", mint(acme, (claims) -> claims.claims((c) -> c.remove("aud"))));
		attacks.put("expired", mint(acme, (claims) -> claims.issuedAt(Instant.now().minusSeconds(3600))
			.expiresAt(Instant.now().minusSeconds(300))));
		attacks.put("not yet valid", mint(acme, (claims) -> claims.notBefore(Instant.now().plusSeconds(600))));
		attacks.put("no expiry", mint(acme, (claims) -> claims.claims((c) -> c.remove("exp"))));
		attacks.put("tampered payload",
				parts[0] + "." + b64(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
					.replace("\"staff\"", "\"client\"")) + "." + parts[2]);
		attacks.put("truncated signature", parts[0] + "." + parts[1] + "." + parts[2].substring(0, 20));
		attacks.put("garbage", "not-a-jwt");
		attacks.put("no typ (RFC 9068)", mintTyped(acme, null));
		attacks.put("typ JWT", mintTyped(acme, "JWT"));
		attacks.put("typ of an ID token's kind", mintTyped(acme, "id_token+jwt"));
		List<String> accepted = new ArrayList<>();
		attacks.forEach((name, token) -> {
			int status = status(acme, "/admin/api/v1/brand", token);
			if (status != 401) {
				accepted.add(name + " -> " + status);
			}
		});
		assertThat(accepted).as("attacks that were not refused with 401").isEmpty();
	}

	@Test
	void a_refusal_from_the_security_filters_is_a_problem() {
		setUp();
		var response = browser(acme).bearer("GET", "/admin/api/v1/brand", "not-a-jwt");
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = Browser.JSON.readTree(response.body());
		assertThat(problem.get("type").asString()).isEqualTo("urn:atelier:problem:unauthorized");
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
	}

	/**
	 * A staff token of the tenant, signed with its real key, then changed by
	 * {@code change}.
	 */
	private String mint(Tenant tenant, Consumer<JwtClaimsSet.Builder> change) {
		Credentials owner = ownerOf(tenant);
		Instant now = Instant.now();
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer("http://" + tenant.localHost() + ":" + this.port)
			.subject(owner.id())
			.audience(List.of(ADMIN_AUDIENCE))
			.issuedAt(now)
			.notBefore(now)
			.expiresAt(now.plusSeconds(300))
			.claim("tenant", tenant.id().toString())
			.claim("principal_type", "staff")
			.claim("scope", List.of("brand:read"));
		change.accept(claims);
		JwtClaimsSet built = claims.build();
		return TenantContext.call(tenant.ref(), () -> this.encoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).type("at+jwt").build(), built))
			.getTokenValue());
	}

	/** A valid staff token of the tenant whose JOSE header has this {@code typ}. */
	private String mintTyped(Tenant tenant, String typ) {
		Credentials owner = ownerOf(tenant);
		Instant now = Instant.now();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer("http://" + tenant.localHost() + ":" + this.port)
			.subject(owner.id())
			.audience(List.of(ADMIN_AUDIENCE))
			.issuedAt(now)
			.notBefore(now)
			.expiresAt(now.plusSeconds(300))
			.claim("tenant", tenant.id().toString())
			.claim("principal_type", "staff")
			.claim("scope", List.of("brand:read"))
			.build();
		JwsHeader.Builder header = JwsHeader.with(SignatureAlgorithm.RS256);
		if (typ != null) {
			header.type(typ);
		}
		return TenantContext.call(tenant.ref(),
				() -> this.encoder.encode(JwtEncoderParameters.from(header.build(), claims)).getTokenValue());
	}

	private static JsonNode header(String jwt) {
		return Browser.JSON
			.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8));
	}

	private final Map<String, Credentials> owners = new java.util.concurrent.ConcurrentHashMap<>();

	private Credentials ownerOf(Tenant tenant) {
		return this.owners.computeIfAbsent(tenant.id().toString(), (id) -> staffMember(tenant, Role.OWNER));
	}

	private int status(Tenant tenant, String path, String token) {
		return browser(tenant).bearer("GET", path, token).statusCode();
	}

	private RSAPublicKey publicKey(Tenant tenant) {
		try {
			return RSAKey.parse(jwk(tenant).toString()).toRSAPublicKey();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String kid(Tenant tenant) {
		return jwk(tenant).get("kid").asString();
	}

	private JsonNode jwk(Tenant tenant) {
		return Browser.JSON.readTree(browser(tenant).get("/oauth2/jwks").body()).get("keys").get(0);
	}

	private static String hs256(String payload, byte[] secret) {
		try {
			byte[] key = (secret.length >= 32) ? secret : java.util.Arrays.copyOf(secret, 32);
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
					JWTClaimsSet.parse(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)));
			jwt.sign(new MACSigner(key));
			return jwt.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String signedWithFreshKey(String payload, String kid) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			var pair = generator.generateKeyPair();
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(),
					JWTClaimsSet.parse(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)));
			jwt.sign(new RSASSASigner((RSAPrivateKey) pair.getPrivate()));
			return jwt.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] pem(RSAPublicKey key) {
		return ("-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.getEncoded())
				+ "\n-----END PUBLIC KEY-----\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

	private static String b64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}

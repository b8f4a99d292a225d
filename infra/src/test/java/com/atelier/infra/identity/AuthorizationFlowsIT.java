package com.atelier.infra.identity;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.atelier.platform.identity.Role;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The authorization code grant with PKCE for staff (admin console) and shoppers
 * (storefront), end to end over HTTP: branded sign-in, code, tokens, refresh rotation,
 * and every refusal.
 */
@ExtendWith(OutputCaptureExtension.class)
class AuthorizationFlowsIT extends IdentityTestSupport {

	@Test
	void staff_get_admin_tokens_with_pkce_and_use_them() {
		Tenant brand = brand("flow");
		Credentials owner = staffMember(brand, Role.OWNER);
		Browser browser = browser(brand);

		JsonNode tokens = browser.tokens("admin-console", owner.email(), owner.password());

		assertThat(tokens.get("token_type").asString()).isEqualTo("Bearer");
		assertThat(tokens.has("refresh_token")).isTrue();
		assertThat(tokens.has("id_token")).isTrue();
		JsonNode claims = claims(tokens.get("access_token").asString());
		assertThat(claims.get("iss").asString()).isEqualTo("http://" + brand.localHost() + ":" + this.port);
		assertThat(claims.get("tenant").asString()).isEqualTo(brand.id().toString());
		assertThat(claims.get("aud").asString()).isEqualTo("urn:atelier:api:admin");
		assertThat(claims.get("principal_type").asString()).isEqualTo("staff");
		assertThat(claims.get("sub").asString()).isEqualTo(owner.id());
		HttpResponse<String> admin = browser.bearer("GET", "/admin/api/v1/brand",
				tokens.get("access_token").asString());
		assertThat(admin.statusCode()).isEqualTo(200);
		assertThat(admin.body()).contains("Maison flow");
	}

	@Test
	void shoppers_sign_up_verify_and_get_storefront_tokens(CapturedOutput output) {
		Tenant brand = brand("shop");
		Browser browser = browser(brand);
		String email = "ines-" + UUID.randomUUID() + "@example.com";
		HttpResponse<String> signUp = browser.json("POST", "/storefront/api/v1/customers",
				"{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"Inès\"}");
		assertThat(signUp.statusCode()).as(signUp.body()).isEqualTo(202);
		assertThat(signUp.body()).contains(email).doesNotContain("token").doesNotContain("cv_");

		// Not verified yet: the sign-in page refuses.
		URI refused = browser.authorize("storefront", Browser.Pkce.create(), email, PASSWORD);
		assertThat(refused.getPath()).isEqualTo("/login/shopper");
		assertThat(refused.getQuery()).contains("error");

		Matcher token = Pattern.compile(Pattern.quote(email) + " at " + brand.slug() + ".*\"token\":\"(cv_[^\"]+)\"")
			.matcher(output.getOut());
		assertThat(token.find()).as("verification token in the development log").isTrue();
		HttpResponse<String> verify = browser.json("POST", "/storefront/api/v1/customers/verify",
				"{\"token\":\"" + token.group(1) + "\"}");
		assertThat(verify.statusCode()).as(verify.body()).isEqualTo(200);
		assertThat(browser.json("POST", "/storefront/api/v1/customers/verify", "{\"token\":\"" + token.group(1) + "\"}")
			.statusCode()).as("a verification token works once").isEqualTo(400);

		JsonNode tokens = new Browser(this.port, brand.localHost()).tokens("storefront", email, PASSWORD);
		String access = tokens.get("access_token").asString();
		assertThat(claims(access).get("aud").asString()).isEqualTo("urn:atelier:api:storefront");
		assertThat(claims(access).get("principal_type").asString()).isEqualTo("customer");
		HttpResponse<String> me = browser.bearer("GET", "/storefront/api/v1/customers/me", access);
		assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
		assertThat(me.body()).contains(email).contains("\"emailVerified\":true");
		assertThat(browser.bearer("GET", "/admin/api/v1/brand", access).statusCode()).isEqualTo(401);
		assertThat(browser.get("/storefront/api/v1/customers/me").statusCode()).isEqualTo(401);
	}

	@Test
	void pkce_is_required_s256_only_and_checked() {
		Tenant brand = brand("pkce");
		Credentials owner = staffMember(brand, Role.OWNER);

		URI noChallenge = browser(brand).authorize("admin-console", null, owner.email(), owner.password());
		assertThat(Browser.query(noChallenge)).containsEntry("error", "invalid_request");

		URI plain = browser(brand).authorize("admin-console", Browser.Pkce.create().plain(), owner.email(),
				owner.password());
		assertThat(Browser.query(plain)).containsEntry("error", "invalid_request");

		Browser browser = browser(brand);
		Browser.Pkce pkce = Browser.Pkce.create();
		String code = browser.code("admin-console", pkce, owner.email(), owner.password());
		HttpResponse<String> wrongVerifier = browser.exchange("admin-console", code, Browser.Pkce.create().verifier());
		assertThat(wrongVerifier.statusCode()).isEqualTo(400);
		assertThat(wrongVerifier.body()).contains("invalid_grant");
	}

	@Test
	void an_authorization_code_works_once() {
		Tenant brand = brand("once");
		Credentials owner = staffMember(brand, Role.ADMIN);
		Browser browser = browser(brand);
		Browser.Pkce pkce = Browser.Pkce.create();
		String code = browser.code("admin-console", pkce, owner.email(), owner.password());

		HttpResponse<String> first = browser.exchange("admin-console", code, pkce.verifier());
		assertThat(first.statusCode()).isEqualTo(200);
		HttpResponse<String> second = browser.exchange("admin-console", code, pkce.verifier());
		assertThat(second.statusCode()).isEqualTo(400);
		assertThat(second.body()).contains("invalid_grant");
	}

	@Test
	void refresh_tokens_rotate_and_a_reused_one_revokes_the_family() {
		Tenant brand = brand("rotate");
		Credentials owner = staffMember(brand, Role.OWNER);
		Browser browser = browser(brand);
		JsonNode tokens = browser.tokens("admin-console", owner.email(), owner.password());
		String first = tokens.get("refresh_token").asString();

		HttpResponse<String> rotated = browser.refresh("admin-console", first);
		assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
		String second = Browser.JSON.readTree(rotated.body()).get("refresh_token").asString();
		assertThat(second).isNotEqualTo(first);
		String access = Browser.JSON.readTree(rotated.body()).get("access_token").asString();
		assertThat(browser.bearer("GET", "/admin/api/v1/brand", access).statusCode()).isEqualTo(200);

		HttpResponse<String> reuse = browser.refresh("admin-console", first);
		assertThat(reuse.statusCode()).isEqualTo(400);
		assertThat(reuse.body()).contains("invalid_grant");
		HttpResponse<String> family = browser.refresh("admin-console", second);
		assertThat(family.statusCode()).as("the current refresh token is revoked with its family").isEqualTo(400);

		HttpResponse<String> otherClient = browser.refresh("storefront", second);
		assertThat(otherClient.statusCode()).isEqualTo(400);
	}

	@Test
	void twenty_parallel_refreshes_of_one_token_have_one_winner_and_revoke_the_family() throws Exception {
		Tenant brand = brand("race");
		Credentials owner = staffMember(brand, Role.OWNER);
		Browser browser = browser(brand);
		String token = browser.tokens("admin-console", owner.email(), owner.password()).get("refresh_token").asString();

		List<HttpResponse<String>> answers = concurrently(20, () -> browser.refresh("admin-console", token));

		List<HttpResponse<String>> winners = answers.stream().filter((r) -> r.statusCode() == 200).toList();
		assertThat(winners).as("exactly one refresh wins").hasSize(1);
		assertThat(answers).filteredOn((r) -> r.statusCode() != 200)
			.hasSize(19)
			.allSatisfy((r) -> assertThat(r.statusCode()).isEqualTo(400))
			.allSatisfy((r) -> assertThat(r.body()).contains("invalid_grant"));
		String winnersToken = Browser.JSON.readTree(winners.get(0).body()).get("refresh_token").asString();
		assertThat(browser.refresh("admin-console", winnersToken).statusCode())
			.as("the losers were reuse: the winner's new token is revoked with its family")
			.isEqualTo(400);
	}

	@Test
	void in_a_two_party_refresh_race_one_wins_and_the_family_is_revoked() throws Exception {
		Tenant brand = brand("duel");
		Credentials shopper = customer(brand);
		for (int round = 0; round < 6; round++) {
			Browser browser = browser(brand);
			String token = browser.tokens("storefront", shopper.email(), shopper.password())
				.get("refresh_token")
				.asString();
			List<HttpResponse<String>> answers = concurrently(2, () -> browser.refresh("storefront", token));
			List<HttpResponse<String>> winners = answers.stream().filter((r) -> r.statusCode() == 200).toList();
			assertThat(winners).as("round " + round + ": one of the two parties wins").hasSize(1);
			String next = Browser.JSON.readTree(winners.get(0).body()).get("refresh_token").asString();
			assertThat(browser.refresh("storefront", next).statusCode()).as("round " + round + ": family revoked")
				.isEqualTo(400);
		}
	}

	@Test
	void parallel_exchanges_of_one_authorization_code_have_one_winner_and_revoke_what_it_issued() throws Exception {
		Tenant brand = brand("coderace");
		Credentials owner = staffMember(brand, Role.OWNER);
		Browser browser = browser(brand);
		Browser.Pkce pkce = Browser.Pkce.create();
		String code = browser.code("admin-console", pkce, owner.email(), owner.password());

		List<HttpResponse<String>> answers = concurrently(10,
				() -> browser.exchange("admin-console", code, pkce.verifier()));

		List<HttpResponse<String>> winners = answers.stream().filter((r) -> r.statusCode() == 200).toList();
		assertThat(winners).as("a code is redeemed once (RFC 9700 4.5)").hasSize(1);
		assertThat(answers).filteredOn((r) -> r.statusCode() != 200)
			.allSatisfy((r) -> assertThat(r.body()).contains("invalid_grant"));
		String refresh = Browser.JSON.readTree(winners.get(0).body()).get("refresh_token").asString();
		assertThat(browser.refresh("admin-console", refresh).statusCode()).as("a replayed code revokes what it issued")
			.isEqualTo(400);
		assertThat(browser.exchange("admin-console", code, pkce.verifier()).statusCode()).isEqualTo(400);
	}

	/** Runs the call on {@code n} threads released at the same moment. */
	private static <T> List<T> concurrently(int n, java.util.concurrent.Callable<T> call) throws Exception {
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
		try {
			java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(n);
			List<java.util.concurrent.Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				futures.add(pool.submit(() -> {
					start.await();
					return call.call();
				}));
			}
			List<T> results = new ArrayList<>();
			for (java.util.concurrent.Future<T> future : futures) {
				results.add(future.get(60, java.util.concurrent.TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void the_first_post_of_a_fresh_sign_in_session_never_conflicts() {
		Tenant brand = brand("fresh");
		Credentials owner = staffMember(brand, Role.OWNER);
		List<String> conflicts = new ArrayList<>();
		// Before the fix about one in four of these answered 409.
		for (int i = 0; i < 24; i++) {
			Browser browser = browser(brand);
			// The POST goes out on a connection of its own, already open, as soon as the
			// page has arrived: the server may still be finishing the page's request.
			Browser tab = browser.tab();
			tab.get("/.well-known/openid-configuration");
			HttpResponse<String> page = browser.get("/login/staff");
			HttpResponse<String> signIn = tab.postForm("/login/staff", Map.of("username", owner.email(), "password",
					owner.password(), "_csrf", Browser.csrf(page.body())));
			if (signIn.statusCode() != 302) {
				conflicts.add(i + " -> " + signIn.statusCode() + " " + signIn.body());
			}
		}
		assertThat(conflicts).as("first POSTs of fresh sessions that were not answered with a redirect").isEmpty();
	}

	@Test
	void sign_up_answers_the_same_whether_or_not_the_address_has_an_account(CapturedOutput output) {
		Tenant brand = brand("enum");
		Credentials existing = customer(brand);
		Browser browser = browser(brand);
		String fresh = "new-" + UUID.randomUUID() + "@example.com";

		HttpResponse<String> forNew = browser.json("POST", "/storefront/api/v1/customers",
				"{\"email\":\"" + fresh + "\",\"password\":\"" + PASSWORD + "\"}");
		HttpResponse<String> forExisting = browser.json("POST", "/storefront/api/v1/customers",
				"{\"email\":\"" + existing.email() + "\",\"password\":\"another password 1\"}");

		assertThat(forExisting.statusCode()).isEqualTo(forNew.statusCode()).isEqualTo(202);
		assertThat(fieldNames(forExisting.body())).isEqualTo(fieldNames(forNew.body()));
		assertThat(forExisting.body()).doesNotContain("exists").doesNotContain(existing.id());
		assertThat(forNew.body().replace(fresh, "ADDRESS"))
			.isEqualTo(forExisting.body().replace(existing.email(), "ADDRESS"));
		assertThat(output.getOut()).as("the owner of the address is told instead")
			.containsPattern("Sign-up notice for " + Pattern.quote(existing.email()) + " at " + brand.slug());
		// The existing account is unchanged: its own password still signs in.
		assertThat(browser(brand).tokens("storefront", existing.email(), existing.password()).has("access_token"))
			.isTrue();
	}

	private static List<String> fieldNames(String json) {
		List<String> names = new ArrayList<>(Browser.JSON.readTree(json).propertyNames());
		java.util.Collections.sort(names);
		return names;
	}

	@Test
	void each_client_serves_only_its_kind_of_account() {
		Tenant brand = brand("kinds");
		Credentials owner = staffMember(brand, Role.OWNER);
		Credentials shopper = customer(brand);

		URI staffOnStorefront = browser(brand).authorize("storefront", Browser.Pkce.create(), owner.email(),
				owner.password());
		assertThat(staffOnStorefront.getPath()).as("staff are not shoppers").isEqualTo("/login/shopper");

		URI shopperOnAdmin = browser(brand).authorize("admin-console", Browser.Pkce.create(), shopper.email(),
				shopper.password());
		assertThat(shopperOnAdmin.getPath()).as("shoppers are not staff").isEqualTo("/login/staff");
	}

	@Test
	void a_disabled_staff_member_loses_access_and_cannot_refresh() {
		Tenant brand = brand("disable");
		Credentials owner = staffMember(brand, Role.OWNER);
		Credentials merchandiser = staffMember(brand, Role.MERCHANDISER);
		Browser browser = browser(brand);
		JsonNode tokens = browser.tokens("admin-console", merchandiser.email(), merchandiser.password());
		String access = tokens.get("access_token").asString();
		assertThat(browser.bearer("GET", "/admin/api/v1/brand", access).statusCode()).isEqualTo(200);

		TenantContext.run(brand.ref(),
				() -> this.staff.update(UUID.fromString(merchandiser.id()), null, false, null, OPERATOR));

		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(
					() -> assertThat(browser.bearer("GET", "/admin/api/v1/brand", access).statusCode()).isEqualTo(401));
		assertThat(browser.refresh("admin-console", tokens.get("refresh_token").asString()).statusCode())
			.isEqualTo(400);
		assertThat(owner).isNotNull();
	}

	@Test
	void sign_in_pages_carry_the_brand_and_discovery_names_the_host_as_issuer() {
		Tenant brand = brand("pages");
		Browser browser = browser(brand);
		HttpResponse<String> page = browser.get("/login/shopper");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Maison pages").contains("name=\"_csrf\"");

		JsonNode discovery = Browser.JSON.readTree(browser.get("/.well-known/openid-configuration").body());
		String issuer = "http://" + brand.localHost() + ":" + this.port;
		assertThat(discovery.get("issuer").asString()).isEqualTo(issuer);
		assertThat(discovery.get("token_endpoint").asString()).isEqualTo(issuer + "/oauth2/token");
		assertThat(discovery.get("grant_types_supported").valueStream().map(JsonNode::asString))
			.doesNotContain("password", "implicit");
		assertThat(discovery.get("code_challenge_methods_supported").valueStream().map(JsonNode::asString))
			.containsExactly("S256");

		JsonNode jwks = Browser.JSON.readTree(browser.get("/oauth2/jwks").body());
		JsonNode otherJwks = Browser.JSON.readTree(browser(brand("other")).get("/oauth2/jwks").body());
		assertThat(jwks.at("/keys/0/kid").asString()).isNotEqualTo(otherJwks.at("/keys/0/kid").asString());
		assertThat(jwks.at("/keys/0/d").isMissingNode()).as("no private key material").isTrue();

		HttpResponse<String> incomplete = browser.get("/oauth2/authorize?response_type=code", "Accept", "text/html");
		assertThat(incomplete.statusCode()).as("a malformed request is the client's error").isEqualTo(400);
	}

}

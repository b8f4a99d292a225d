package com.atelier.infra.identity;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import com.atelier.platform.identity.AuditEvent;
import com.atelier.platform.identity.AuditLog;
import com.atelier.platform.identity.CredentialThrottle;
import com.atelier.platform.identity.Integrations;
import com.atelier.platform.identity.Permission;
import com.atelier.platform.identity.Role;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The credential-guessing defence (ADR 26): sign-in per account, device and address, the
 * token endpoint, sign-up and email verification. Locks are refused before any password
 * is hashed, hold across nodes (PostgreSQL), end by themselves, and cannot lock an
 * account's owner out of a browser they signed in with before.
 */
class SignInThrottleIT extends IdentityTestSupport {

	@Autowired
	AuditLog audit;

	/** Short locks, and addresses that never lock, unless a test says otherwise. */
	private static CredentialThrottle.Limits limits(int accountFailures, int deviceFailures, int ipFailures,
			Duration lockout) {
		CredentialThrottle.Limits defaults = CredentialThrottle.Limits.defaults();
		return new CredentialThrottle.Limits(accountFailures, deviceFailures, ipFailures, defaults.signUpsPerIp(),
				defaults.signUpsPerEmail(), lockout, lockout.multipliedBy(4), defaults.memory(),
				defaults.deviceTrust());
	}

	@Test
	void the_sixth_attempt_is_refused_unhashed_until_the_lock_ends_and_the_lock_is_audited() {
		this.throttle.limits(limits(5, 10, 1000, Duration.ofSeconds(3)));
		Tenant brand = brand("lock");
		Credentials member = staffMember(brand, Role.ADMIN);

		for (int i = 1; i <= 4; i++) {
			assertThat(signIn(browser(brand), "/login/staff", member.email(), "wrong password " + i).getQuery())
				.isEqualTo("error");
		}
		URI fifth = signIn(browser(brand), "/login/staff", member.email(), "wrong password 5");
		assertThat(fifth.getQuery()).as("the failure that locks says so").isEqualTo("locked=1");

		// Locked: even the right password is refused, before it is checked (so before it
		// is hashed: a checked right password would have signed in).
		URI refused = signIn(browser(brand), "/login/staff", member.email(), member.password());
		assertThat(refused.getPath()).isEqualTo("/login/staff");
		assertThat(refused.getQuery()).isEqualTo("locked=1");
		HttpResponse<String> page = browser(brand).get("/login/staff?" + refused.getRawQuery());
		assertThat(page.body()).contains("Too many attempts. Try again in 1 minute.");

		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(
					signIn(browser(brand), "/login/staff", member.email(), member.password()).getQuery())
				.as("the right password once the lock has ended")
				.isEqualTo("signed-in"));

		AuditEvent locked = TenantContext.call(brand.ref(), () -> this.audit.list(null, 50))
			.events()
			.stream()
			.filter((e) -> e.action().equals("sign-in.locked"))
			.findFirst()
			.orElseThrow();
		assertThat(locked.resourceType()).isEqualTo("staff");
		assertThat(locked.resourceId()).isEqualTo(member.id());
		assertThat(locked.actor().id()).isEqualTo("sign-in-throttle");
		JsonNode after = Browser.JSON.readTree(locked.after());
		assertThat(after.get("failures").asInt()).isEqualTo(5);
		assertThat(after.get("door").asString()).isEqualTo("staff");
	}

	@Test
	void a_browser_that_signed_in_before_keeps_its_own_budget_while_the_account_is_locked() {
		this.throttle.limits(limits(3, 3, 1000, Duration.ofMinutes(10)));
		Tenant brand = brand("device");
		Credentials shopper = customer(brand);
		Browser owners = browser(brand);
		assertThat(signIn(owners, "/login/shopper", shopper.email(), shopper.password()).getQuery())
			.isEqualTo("signed-in");

		// Someone who knows the address locks it for every other client.
		for (int i = 1; i <= 3; i++) {
			signIn(browser(brand), "/login/shopper", shopper.email(), "guess " + i);
		}
		assertThat(signIn(browser(brand), "/login/shopper", shopper.email(), shopper.password()).getQuery())
			.isEqualTo("locked=10");

		// The owner's browser (device cookie) still signs in, and a refresh of the whole
		// flow works from it.
		assertThat(signIn(owners, "/login/shopper", shopper.email(), shopper.password()).getQuery())
			.isEqualTo("signed-in");
		assertThat(signIn(owners, "/login/shopper", shopper.email(), "typo").getQuery()).isEqualTo("error");
		assertThat(signIn(owners, "/login/shopper", shopper.email(), shopper.password()).getQuery())
			.isEqualTo("signed-in");
		// The account is still locked for everyone else.
		assertThat(signIn(browser(brand), "/login/shopper", shopper.email(), shopper.password()).getQuery())
			.isEqualTo("locked=10");

		// A device cookie has a budget of its own: guessing from the owner's browser
		// locks that browser.
		for (int i = 1; i <= 3; i++) {
			signIn(owners, "/login/shopper", shopper.email(), "stolen cookie guess " + i);
		}
		assertThat(signIn(owners, "/login/shopper", shopper.email(), shopper.password()).getQuery())
			.isEqualTo("locked=10");
		assertThat(TenantContext.call(brand.ref(), () -> this.audit.list(null, 50)).events())
			.extracting(AuditEvent::action)
			.contains("sign-in.locked", "sign-in.device-locked");
	}

	@Test
	void one_address_guessing_many_accounts_is_locked() {
		this.throttle.limits(limits(5, 10, 3, Duration.ofMinutes(10)));
		Tenant brand = brand("spray");
		for (int i = 0; i < 3; i++) {
			Credentials member = staffMember(brand, Role.ANALYST);
			signIn(browser(brand), "/login/staff", member.email(), "Summer2026!");
		}
		Credentials untouched = staffMember(brand, Role.ANALYST);
		assertThat(signIn(browser(brand), "/login/staff", untouched.email(), untouched.password()).getQuery())
			.isEqualTo("locked=10");
		assertThat(TenantContext.call(brand.ref(), () -> this.audit.list(null, 50)).events())
			.extracting(AuditEvent::action)
			.contains("sign-in.ip-locked");
	}

	@Test
	void wrong_client_secrets_lock_the_address_at_the_token_endpoint() {
		this.throttle.limits(limits(5, 10, 3, Duration.ofMinutes(10)));
		Tenant brand = brand("secret");
		Integrations.Credentials client = integration(brand, EnumSet.of(Permission.BRAND_READ));
		Integrations.Credentials wrong = new Integrations.Credentials(client.clientId(), client.clientSecret() + "x");
		for (int i = 0; i < 3; i++) {
			assertThat(token(brand, wrong).statusCode()).isEqualTo(401);
		}
		HttpResponse<String> locked = token(brand, client);
		assertThat(locked.statusCode()).as("even the right secret, until the lock ends").isEqualTo(429);
		assertThat(locked.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 600L);
		JsonNode problem = Browser.JSON.readTree(locked.body());
		assertThat(problem.get("type").asString()).isEqualTo("urn:atelier:problem:too-many-attempts");
		assertThat(problem.get("status").asInt()).isEqualTo(429);
	}

	@Test
	void sign_ups_and_verifications_are_bounded() {
		CredentialThrottle.Limits defaults = CredentialThrottle.Limits.defaults();
		this.throttle.limits(new CredentialThrottle.Limits(5, 10, 3, 100, 2, Duration.ofMinutes(10),
				Duration.ofMinutes(30), defaults.memory(), defaults.deviceTrust()));
		Tenant brand = brand("signup");
		Browser browser = browser(brand);
		String email = "twice-" + UUID.randomUUID() + "@example.com";
		String body = "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}";
		assertThat(browser.json("POST", "/storefront/api/v1/customers", body).statusCode()).isEqualTo(202);
		assertThat(browser.json("POST", "/storefront/api/v1/customers", body).statusCode()).isEqualTo(202);
		HttpResponse<String> third = browser.json("POST", "/storefront/api/v1/customers", body);
		assertThat(third.statusCode()).as(third.body()).isEqualTo(429);
		assertThat(third.headers().firstValue("Retry-After")).isPresent();
		assertThat(third.body()).contains("urn:atelier:problem:too-many-attempts");

		for (int i = 0; i < 3; i++) {
			assertThat(browser.json("POST", "/storefront/api/v1/customers/verify", "{\"token\":\"cv_guess" + i + "\"}")
				.statusCode()).isEqualTo(400);
		}
		HttpResponse<String> locked = browser.json("POST", "/storefront/api/v1/customers/verify",
				"{\"token\":\"cv_guess\"}");
		assertThat(locked.statusCode()).isEqualTo(429);
		assertThat(locked.headers().firstValue("Retry-After")).isPresent();
	}

	private HttpResponse<String> token(Tenant brand, Integrations.Credentials client) {
		return browser(brand).postForm("/oauth2/token", Map.of("grant_type", "client_credentials"), "Authorization",
				basic(client));
	}

	/** Posts the sign-in form from this browser; returns where it is sent. */
	private static URI signIn(Browser browser, String page, String email, String password) {
		HttpResponse<String> form = browser.get(page);
		HttpResponse<String> posted = browser.postForm(page,
				Map.of("username", email, "password", password, "_csrf", Browser.csrf(form.body())));
		assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
		return Browser.location(posted);
	}

}

package com.atelier.infra.identity;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import com.atelier.infra.AtelierApplication;
import com.atelier.platform.identity.Actor;
import com.atelier.platform.identity.CredentialThrottle;
import com.atelier.platform.identity.Customers;
import com.atelier.platform.identity.Integrations;
import com.atelier.platform.identity.Permission;
import com.atelier.platform.identity.Role;
import com.atelier.platform.identity.Staff;
import com.atelier.platform.tenancy.NewTenant;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantProvisioning;
import com.atelier.testing.TestDatabaseInitializer;
import com.atelier.testing.TestTenants;

/**
 * The whole application on a random port and the shared test database {@code identity};
 * helpers to create brands and their principals.
 */
@SpringBootTest(classes = AtelierApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "atelier.embedded-db.enabled=false", "atelier.test.database=identity",
				"atelier.identity.log-verification-tokens=true", "atelier.storefront.sql-statements-header=true",
				"atelier.orders.expiry-interval=1s", "atelier.events.relay-interval=200ms",
				"atelier.reports.summary-interval=1h", "atelier.rate-limits.enabled=false",
				"atelier.fairness.max-requests-per-tenant=1000",
				// The tests' fake Stripe (orders.FakeStripe) listens on this loopback
				// address, and only there may a brand's Stripe point (ADR 30).
				"atelier.payments.stripe.allowed-api-bases=http://127.0.0.2:*" })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
public abstract class IdentityTestSupport {

	protected static final String PASSWORD = "correct horse battery staple";

	protected static final Actor OPERATOR = Actor.operator("tests");

	@LocalServerPort
	protected int port;

	@Autowired
	protected TenantProvisioning provisioning;

	@Autowired
	protected Staff staff;

	@Autowired
	protected Customers customers;

	@Autowired
	protected Integrations integrations;

	@Autowired
	protected CredentialThrottle throttle;

	private static CredentialThrottle.Limits configuredLimits;

	@BeforeEach
	void rememberConfiguredLimits() {
		if (configuredLimits == null) {
			configuredLimits = this.throttle.limits();
		}
	}

	/**
	 * Every test's requests come from this machine: forget their failures per IP address
	 * (and restore the limits the context was configured with, if a test set others), so
	 * that one test's refused attempts never lock the next one out.
	 */
	@AfterEach
	void forgetThisMachinesAttempts() {
		this.throttle.limits(configuredLimits);
		List<CredentialThrottle.Key> keys = new java.util.ArrayList<>();
		for (String address : List.of("127.0.0.1", "0:0:0:0:0:0:0:1", "::1")) {
			for (CredentialThrottle.Kind kind : List.of(CredentialThrottle.Kind.SIGN_IN_IP,
					CredentialThrottle.Kind.TOKEN_IP, CredentialThrottle.Kind.VERIFY_IP,
					CredentialThrottle.Kind.SIGN_UP_IP)) {
				keys.add(CredentialThrottle.Key.ip(kind, address));
			}
		}
		this.throttle.clear(keys);
	}

	protected Tenant brand(String prefix) {
		return this.provisioning.create(NewTenant.of(TestTenants.uniqueSlug(prefix), "Maison " + prefix, "EUR",
				List.of(), List.of("fr-FR", "en")));
	}

	protected Browser browser(Tenant tenant) {
		return new Browser(this.port, tenant.localHost());
	}

	/**
	 * An admin API token of a new staff member with this role; the console asks for every
	 * permission scope, so the token holds what the role allows.
	 */
	protected String adminToken(Tenant tenant, Role role) {
		Credentials member = staffMember(tenant, role);
		return browser(tenant).tokens("admin-console", member.email(), member.password())
			.get("access_token")
			.asString();
	}

	/** A staff member; returns their email and one-time password. */
	protected Credentials staffMember(Tenant tenant, Role role) {
		String email = role.name().toLowerCase() + "-" + TestTenants.uniqueSlug("s") + "@example.com";
		Staff.Invitation invitation = TenantContext.call(tenant.ref(),
				() -> this.staff.create(email, null, role, OPERATOR));
		return new Credentials(email, invitation.oneTimePassword(), invitation.member().id().toString());
	}

	/** A shopper with a verified email. */
	protected Credentials customer(Tenant tenant) {
		String email = "shopper-" + TestTenants.uniqueSlug("c") + "@example.com";
		Customers.SignUp signUp = TenantContext.call(tenant.ref(),
				() -> this.customers.signUp(email, PASSWORD, null).orElseThrow());
		TenantContext.run(tenant.ref(), () -> this.customers.verify(signUp.verificationToken()));
		return new Credentials(email, PASSWORD, signUp.customer().id().toString());
	}

	protected Integrations.Credentials integration(Tenant tenant, Set<Permission> scopes) {
		return TenantContext.call(tenant.ref(), () -> this.integrations.create("Test integration", scopes, OPERATOR));
	}

	protected String clientCredentialsToken(Tenant tenant, Integrations.Credentials client, String scope) {
		var response = browser(tenant).postForm("/oauth2/token",
				java.util.Map.of("grant_type", "client_credentials", "scope", scope), "Authorization", basic(client));
		org.assertj.core.api.Assertions.assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return Browser.JSON.readTree(response.body()).get("access_token").asString();
	}

	/**
	 * Another instance of the application on the same test database (a second node),
	 * without rate limits and fairness shares unless the properties turn them on.
	 * @param properties extra Spring properties
	 * @return the running node; close it when the test class is done
	 */
	protected static org.springframework.context.ConfigurableApplicationContext startNode(String... properties) {
		com.atelier.testing.TestDatabase.Coordinates db = com.atelier.testing.TestDatabase.database("identity");
		return new org.springframework.boot.builder.SpringApplicationBuilder(com.atelier.infra.AtelierApplication.class)
			.properties("server.port=0", "spring.datasource.url=" + db.url(), "spring.datasource.username=" + db.user(),
					"spring.datasource.password=" + db.password(),
					"atelier.master-key=" + com.atelier.testing.TestDatabase.masterKey(),
					"atelier.embedded-db.enabled=false", "atelier.rate-limits.enabled=false",
					"atelier.fairness.max-requests-per-tenant=1000",
					"atelier.payments.stripe.allowed-api-bases=http://127.0.0.2:*")
			.properties(properties)
			// A command-line argument: application.yaml's server.port (PORT, else 8080)
			// outranks default properties.
			.run("--server.port=0");
	}

	protected static int port(org.springframework.context.ConfigurableApplicationContext node) {
		return ((org.springframework.boot.web.server.context.WebServerApplicationContext) node).getWebServer()
			.getPort();
	}

	protected static String basic(Integrations.Credentials client) {
		return "Basic " + java.util.Base64.getEncoder()
			.encodeToString((client.clientId() + ":" + client.clientSecret())
				.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	protected static tools.jackson.databind.JsonNode claims(String jwt) {
		String payload = jwt.split("\\.")[1];
		return Browser.JSON.readTree(
				new String(java.util.Base64.getUrlDecoder().decode(payload), java.nio.charset.StandardCharsets.UTF_8));
	}

	/**
	 * @param email sign-in email
	 * @param password password
	 * @param id the principal's id
	 */
	protected record Credentials(String email, String password, String id) {
	}

}

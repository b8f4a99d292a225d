package com.atelier.platform.identity.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jooq.DSLContext;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

import com.atelier.platform.identity.Audience;
import com.atelier.platform.identity.Permission;
import com.atelier.platform.tenancy.TenantSetup;

/**
 * Gives every tenant what its authorization server needs: a signing key, and the two
 * public clients (PKCE, authorization code with refresh tokens): {@code admin-console}
 * for staff (which may ask for every permission scope) and {@code storefront} for
 * shoppers. Creates only what is missing, and adds permission scopes the console lacks.
 */
@Component
@Order(10)
class IdentityTenantSetup implements TenantSetup {

	private final TenantKeyRing keys;

	private final IdentityProperties properties;

	IdentityTenantSetup(TenantKeyRing keys, IdentityProperties properties) {
		this.keys = keys;
		this.properties = properties;
	}

	@Override
	public void ensure(DSLContext tenant, Seed seed) {
		this.keys.ensureSigningKey(tenant, seed.tenant().id());
		tenant.connection((connection) -> {
			JdbcRegisteredClientRepository clients = new JdbcRegisteredClientRepository(
					new JdbcTemplate(new SingleConnectionDataSource(connection, true)));
			RegisteredClient console = clients.findByClientId(IdentitySettings.ADMIN_CONSOLE);
			if (console == null) {
				clients.save(publicClient(IdentitySettings.ADMIN_CONSOLE, "Admin console", Audience.ADMIN,
						this.properties.adminConsoleRedirectUris(), this.properties.staffRefreshTokenTtl()));
			}
			else if (!console.getScopes().containsAll(permissionScopes())) {
				// Consoles created before staff tokens were held to their scopes (or
				// before
				// a permission existed) may ask for every permission.
				clients
					.save(RegisteredClient.from(console).scopes((scopes) -> scopes.addAll(permissionScopes())).build());
			}
			if (clients.findByClientId(IdentitySettings.STOREFRONT) == null) {
				clients.save(publicClient(IdentitySettings.STOREFRONT, "Storefront", Audience.STOREFRONT,
						this.properties.storefrontRedirectUris(), this.properties.customerRefreshTokenTtl()));
			}
		});
	}

	/**
	 * The scopes staff ask the admin console for: one per permission. A staff token holds
	 * the permissions both granted and in the member's role.
	 */
	private static Set<String> permissionScopes() {
		return Arrays.stream(Permission.values()).map(Permission::scope).collect(Collectors.toSet());
	}

	private RegisteredClient publicClient(String clientId, String name, Audience audience, List<String> redirectUris,
			java.time.Duration refreshTokenTtl) {
		return RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientName(name)
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUris((uris) -> uris.addAll(redirectUris))
			.scope(OidcScopes.OPENID)
			.scope(OidcScopes.PROFILE)
			.scope(OidcScopes.EMAIL)
			.scopes((scopes) -> {
				if (audience == Audience.ADMIN) {
					scopes.addAll(permissionScopes());
				}
			})
			.clientSettings(ClientSettings.builder()
				.requireProofKey(true)
				.requireAuthorizationConsent(false)
				.setting(IdentitySettings.AUDIENCE, audience.setting())
				.build())
			.tokenSettings(TokenSettings.builder()
				.accessTokenTimeToLive(this.properties.accessTokenTtl())
				.refreshTokenTimeToLive(refreshTokenTtl)
				.reuseRefreshTokens(false)
				.authorizationCodeTimeToLive(this.properties.authorizationCodeTtl())
				.idTokenSignatureAlgorithm(SignatureAlgorithm.RS256)
				.build())
			.build();
	}

}

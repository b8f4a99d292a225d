package com.atelier.platform.identity.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.identity.*}.
 *
 * @param adminConsoleRedirectUris redirect URIs registered for each tenant's admin
 * console client (loopback URIs match any port)
 * @param storefrontRedirectUris redirect URIs registered for each tenant's storefront
 * client
 * @param accessTokenTtl lifetime of access tokens for staff and shoppers
 * @param staffRefreshTokenTtl lifetime of a staff refresh token
 * @param customerRefreshTokenTtl lifetime of a shopper refresh token
 * @param authorizationCodeTtl lifetime of an authorization code (single use)
 * @param retiredKeyRetention how long a rotated-out signing key stays published
 * @param clockSkew tolerance when checking token timestamps
 */
@ConfigurationProperties("atelier.identity")
public record IdentityProperties(@DefaultValue("http://127.0.0.1/callback") List<String> adminConsoleRedirectUris,
		@DefaultValue("http://127.0.0.1/callback") List<String> storefrontRedirectUris,
		@DefaultValue("10m") Duration accessTokenTtl, @DefaultValue("8h") Duration staffRefreshTokenTtl,
		@DefaultValue("30d") Duration customerRefreshTokenTtl, @DefaultValue("2m") Duration authorizationCodeTtl,
		@DefaultValue("7d") Duration retiredKeyRetention, @DefaultValue("30s") Duration clockSkew) {

}

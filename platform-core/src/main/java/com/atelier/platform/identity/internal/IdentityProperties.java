package com.atelier.platform.identity.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import com.atelier.platform.identity.CredentialThrottle;

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
 * @param clockSkew tolerance when checking token timestamps
 * @param throttle limits of the credential-guessing defence ({@code throttle.*}, ADR 26)
 */
@ConfigurationProperties("atelier.identity")
public record IdentityProperties(@DefaultValue("http://127.0.0.1/callback") List<String> adminConsoleRedirectUris,
		@DefaultValue("http://127.0.0.1/callback") List<String> storefrontRedirectUris,
		@DefaultValue("10m") Duration accessTokenTtl, @DefaultValue("8h") Duration staffRefreshTokenTtl,
		@DefaultValue("30d") Duration customerRefreshTokenTtl, @DefaultValue("2m") Duration authorizationCodeTtl,
		@DefaultValue("30s") Duration clockSkew, @DefaultValue CredentialThrottle.Limits throttle) {

	/**
	 * Lifetime of the tokens whose lifetime is not configured here: ID tokens (Spring
	 * Authorization Server's 30 minutes) and integrations' access tokens.
	 */
	static final Duration FIXED_TOKEN_TTL = Duration.ofMinutes(30);

	/**
	 * How long a signing key stays published after a (normal) rotation: as long as the
	 * longest-lived token it can have signed, plus the clock skew validators allow. Not
	 * longer: a retired key that still verifies is a key that could still be misused.
	 * @return the retention
	 */
	public Duration retiredKeyRetention() {
		Duration longest = (this.accessTokenTtl.compareTo(FIXED_TOKEN_TTL) > 0) ? this.accessTokenTtl : FIXED_TOKEN_TTL;
		return longest.plus(this.clockSkew);
	}

}

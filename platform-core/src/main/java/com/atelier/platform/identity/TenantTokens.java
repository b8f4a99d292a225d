package com.atelier.platform.identity;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Token validation for the resource servers. A token is accepted only when it was signed
 * by a key of the request's tenant, its issuer's host is one of that tenant's hosts
 * (exactly), its {@code tenant} claim is that tenant's id, its audience is the API's, and
 * it is within its validity period.
 */
public interface TenantTokens {

	/**
	 * @param audience the API
	 * @return a decoder for the current tenant
	 */
	JwtDecoder decoder(Audience audience);

	/**
	 * Turns a validated token into an authentication whose authorities are the caller's
	 * current permissions (a disabled staff member or revoked integration has none:
	 * refused).
	 * @return the converter
	 */
	Converter<Jwt, AbstractAuthenticationToken> authentication();

	/**
	 * Who an authenticated admin API request acts as, for the audit log.
	 * @param authentication the request's authentication (from {@link #authentication()})
	 * @return the staff member or integration
	 */
	Actor actor(Authentication authentication);

}

package com.atelier.platform.identity.internal;

import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Refresh tokens for the public clients (admin console and storefront, PKCE). Spring
 * Authorization Server issues none to public clients by default; Atelier does, because
 * they rotate on every use and a reused one revokes its whole authorization
 * ({@link TenantAuthorizationService}), which is what OAuth 2.1 requires of refresh
 * tokens held by public clients.
 */
public final class PublicClientRefresh {

	private PublicClientRefresh() {
	}

	/**
	 * Issues an opaque refresh token (96 random bytes) to every client with the grant.
	 */
	public static OAuth2TokenGenerator<OAuth2RefreshToken> refreshTokenGenerator() {
		StringKeyGenerator values = new Base64StringKeyGenerator(Base64.getUrlEncoder().withoutPadding(), 96);
		return (OAuth2TokenContext context) -> {
			if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType()) || !context.getRegisteredClient()
				.getAuthorizationGrantTypes()
				.contains(AuthorizationGrantType.REFRESH_TOKEN)) {
				return null;
			}
			Instant issuedAt = Instant.now();
			return new OAuth2RefreshToken(values.generateKey(), issuedAt,
					issuedAt.plus(context.getRegisteredClient().getTokenSettings().getRefreshTokenTimeToLive()));
		};
	}

	/**
	 * Reads a refresh request of a public client: {@code grant_type=refresh_token} with a
	 * {@code client_id} and no client credentials.
	 */
	public static AuthenticationConverter converter() {
		return (HttpServletRequest request) -> {
			if (!"POST".equals(request.getMethod())
					|| !AuthorizationGrantType.REFRESH_TOKEN.getValue()
						.equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))
					|| request.getHeader(HttpHeaders.AUTHORIZATION) != null
					|| request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
					|| request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null) {
				return null;
			}
			String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
			if (clientIds == null || clientIds.length != 1 || clientIds[0].isBlank()) {
				return null;
			}
			Map<String, Object> parameters = new HashMap<>();
			request.getParameterMap()
				.forEach((key, values) -> parameters.put(key, (values.length == 1) ? values[0] : values));
			return new OAuth2ClientAuthenticationToken(clientIds[0], ClientAuthenticationMethod.NONE, null, parameters);
		};
	}

	/**
	 * Authenticates such a request when the client is registered as public and may
	 * refresh.
	 */
	public static AuthenticationProvider provider(RegisteredClientRepository clients) {
		return new AuthenticationProvider() {

			@Override
			public @Nullable Authentication authenticate(Authentication authentication) {
				OAuth2ClientAuthenticationToken request = (OAuth2ClientAuthenticationToken) authentication;
				if (!ClientAuthenticationMethod.NONE.equals(request.getClientAuthenticationMethod())
						|| !AuthorizationGrantType.REFRESH_TOKEN.getValue()
							.equals(request.getAdditionalParameters().get(OAuth2ParameterNames.GRANT_TYPE))) {
					return null;
				}
				RegisteredClient client = clients.findByClientId(String.valueOf(request.getPrincipal()));
				if (client == null || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)
						|| !client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)) {
					throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
				}
				return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
			}

			@Override
			public boolean supports(Class<?> authentication) {
				return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
			}

		};
	}

}

package com.atelier.platform.identity.internal;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import com.atelier.platform.tenancy.TenantContext;

/**
 * Authorization state (codes, tokens, consents in flight) in the tenant's schema, so any
 * node can serve any step of a flow. Adds refresh token reuse detection: when a refresh
 * token is rotated, a hash of the old one is kept; presenting an old one again revokes
 * the whole authorization (the current refresh token with it) and is refused. Access
 * tokens are self-contained JWTs and expire on their own (10 minutes).
 */
final class TenantAuthorizationService implements OAuth2AuthorizationService {

	private static final Logger log = LoggerFactory.getLogger(TenantAuthorizationService.class);

	private final JdbcOperations jdbc;

	private final RegisteredClientRepository clients;

	private volatile @Nullable JdbcOAuth2AuthorizationService delegate;

	TenantAuthorizationService(JdbcOperations jdbc, RegisteredClientRepository clients) {
		this.jdbc = jdbc;
		this.clients = clients;
	}

	/** Created on first use, inside a tenant: its constructor reads column metadata. */
	private JdbcOAuth2AuthorizationService delegate() {
		JdbcOAuth2AuthorizationService current = this.delegate;
		if (current == null) {
			synchronized (this) {
				current = this.delegate;
				if (current == null) {
					TenantContext.require();
					current = new JdbcOAuth2AuthorizationService(this.jdbc, this.clients);
					this.delegate = current;
				}
			}
		}
		return current;
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		OAuth2Authorization.Token<OAuth2RefreshToken> next = authorization.getRefreshToken();
		if (next != null) {
			OAuth2Authorization existing = delegate().findById(authorization.getId());
			OAuth2Authorization.Token<OAuth2RefreshToken> previous = (existing != null) ? existing.getRefreshToken()
					: null;
			if (previous != null
					&& !Objects.equals(previous.getToken().getTokenValue(), next.getToken().getTokenValue())) {
				this.jdbc.update(
						"insert into oauth2_rotated_refresh_token (token_hash, authorization_id) values (?, ?)"
								+ " on conflict do nothing",
						Sha256SecretEncoder.hash(previous.getToken().getTokenValue()), authorization.getId());
			}
		}
		delegate().save(authorization);
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		delegate().remove(authorization);
		this.jdbc.update("delete from oauth2_rotated_refresh_token where authorization_id = ?", authorization.getId());
	}

	@Override
	public @Nullable OAuth2Authorization findById(String id) {
		return delegate().findById(id);
	}

	@Override
	public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
		OAuth2Authorization found = delegate().findByToken(token, tokenType);
		if (found == null && (tokenType == null || OAuth2TokenType.REFRESH_TOKEN.equals(tokenType))) {
			var family = this.jdbc.queryForList(
					"select authorization_id from oauth2_rotated_refresh_token where token_hash = ?", String.class,
					Sha256SecretEncoder.hash(token));
			if (!family.isEmpty()) {
				OAuth2Authorization compromised = delegate().findById(family.get(0));
				log.warn("Refresh token reuse in tenant {}: revoking authorization {} of {}",
						TenantContext.require().slug(), family.get(0),
						(compromised != null) ? compromised.getPrincipalName() : "(already revoked)");
				if (compromised != null) {
					remove(compromised);
				}
			}
		}
		return found;
	}

}

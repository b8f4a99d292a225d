package com.atelier.platform.identity.internal;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.support.TransactionOperations;

import com.atelier.platform.tenancy.TenantContext;

/**
 * Authorization state (codes, tokens, consents in flight) in the tenant's schema, so any
 * node can serve any step of a flow. Adds refresh token reuse detection: a refresh
 * rotates the token by compare-and-set on the presented one, so of concurrent refreshes
 * with one token exactly one wins and the others are reuse; a hash of each rotated-away
 * token is kept, and presenting one again is reuse too. Reuse revokes the whole
 * authorization (the current refresh token with it) and is refused. Access tokens are
 * self-contained JWTs and expire on their own (10 minutes).
 */
final class TenantAuthorizationService implements OAuth2AuthorizationService {

	private static final Logger log = LoggerFactory.getLogger(TenantAuthorizationService.class);

	/**
	 * Attribute of an authorization found by its refresh token: that token, so that
	 * {@link #save} can rotate it by compare-and-set. Never stored.
	 */
	private static final String PRESENTED_REFRESH_TOKEN = TenantAuthorizationService.class.getName()
			+ ".presentedRefreshToken";

	/**
	 * Attribute of an authorization found by its authorization code: that code, so that
	 * {@link #save} can redeem it by compare-and-set. Never stored.
	 */
	private static final String PRESENTED_CODE = TenantAuthorizationService.class.getName() + ".presentedCode";

	private final JdbcOperations jdbc;

	private final TransactionOperations transactions;

	private final RegisteredClientRepository clients;

	private volatile @Nullable JdbcOAuth2AuthorizationService delegate;

	TenantAuthorizationService(JdbcOperations jdbc, TransactionOperations transactions,
			RegisteredClientRepository clients) {
		this.jdbc = jdbc;
		this.transactions = transactions;
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
		String presented = authorization.getAttribute(PRESENTED_REFRESH_TOKEN);
		String presentedCode = authorization.getAttribute(PRESENTED_CODE);
		OAuth2Authorization clean = (presented != null || presentedCode != null)
				? OAuth2Authorization.from(authorization).attributes((attributes) -> {
					attributes.remove(PRESENTED_REFRESH_TOKEN);
					attributes.remove(PRESENTED_CODE);
				}).build() : authorization;
		OAuth2Authorization.Token<OAuth2AuthorizationCode> code = clean.getToken(OAuth2AuthorizationCode.class);
		if (presentedCode != null && code != null && code.isInvalidated()
				&& presentedCode.equals(code.getToken().getTokenValue())) {
			redeem(clean, presentedCode);
			return;
		}
		OAuth2Authorization.Token<OAuth2RefreshToken> next = clean.getRefreshToken();
		if (presented != null && next != null && !presented.equals(next.getToken().getTokenValue())) {
			rotate(clean, presented, next.getToken().getTokenValue());
			return;
		}
		if (next != null) {
			OAuth2Authorization existing = delegate().findById(clean.getId());
			OAuth2Authorization.Token<OAuth2RefreshToken> previous = (existing != null) ? existing.getRefreshToken()
					: null;
			if (previous != null
					&& !Objects.equals(previous.getToken().getTokenValue(), next.getToken().getTokenValue())) {
				rotated(previous.getToken().getTokenValue(), clean.getId());
			}
		}
		delegate().save(clean);
	}

	/**
	 * A refresh: the new refresh token replaces the presented one only if the presented
	 * one is still the current one (compare-and-set, in the transaction that stores the
	 * new one). Otherwise another refresh with the same token won a race, and this one is
	 * reuse: the whole authorization goes, and the request is refused.
	 */
	private void rotate(OAuth2Authorization authorization, String presented, String next) {
		Boolean won = this.transactions.execute((status) -> {
			int swapped = this.jdbc.update(
					"update oauth2_authorization set refresh_token_value = ? where id = ? and refresh_token_value = ?",
					next, authorization.getId(), presented);
			if (swapped != 1) {
				return false;
			}
			rotated(presented, authorization.getId());
			delegate().save(authorization);
			return true;
		});
		if (!Boolean.TRUE.equals(won)) {
			log.warn("Refresh token reuse in tenant {} (concurrent refresh): revoking authorization {} of {}",
					TenantContext.require().slug(), authorization.getId(), authorization.getPrincipalName());
			remove(authorization);
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
		}
	}

	/**
	 * An authorization code's redemption: the code is spent by inserting its hash
	 * (compare-and-set on a unique key, in the transaction that stores the tokens it
	 * bought). A second redemption, however close, finds it spent: the code was replayed,
	 * so everything it issued is revoked and the request refused (RFC 9700, 4.5).
	 */
	private void redeem(OAuth2Authorization authorization, String code) {
		Boolean first = this.transactions.execute((status) -> {
			// Spent before, or revoked meanwhile by a replay of it (a revocation forgets
			// the spent credentials with the authorization, so check that it still
			// exists, locked until this redemption commits).
			if (!spend("code:" + code, authorization.getId())
					|| this.jdbc
						.queryForList("select id from oauth2_authorization where id = ? for update", String.class,
								authorization.getId())
						.isEmpty()) {
				return false;
			}
			delegate().save(authorization);
			return true;
		});
		if (!Boolean.TRUE.equals(first)) {
			log.warn("Authorization code replayed in tenant {}: revoking authorization {} of {}",
					TenantContext.require().slug(), authorization.getId(), authorization.getPrincipalName());
			remove(authorization);
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
		}
	}

	/**
	 * Records a spent single-use credential (a rotated refresh token, a redeemed code) by
	 * its hash; false when it was already spent.
	 */
	private boolean spend(String credential, String authorizationId) {
		return this.jdbc.update("insert into oauth2_rotated_refresh_token (token_hash, authorization_id) values (?, ?)"
				+ " on conflict do nothing", Sha256SecretEncoder.hash(credential), authorizationId) == 1;
	}

	private void rotated(String refreshToken, String authorizationId) {
		this.jdbc.update("insert into oauth2_rotated_refresh_token (token_hash, authorization_id) values (?, ?)"
				+ " on conflict do nothing", Sha256SecretEncoder.hash(refreshToken), authorizationId);
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
		OAuth2Authorization.Token<OAuth2AuthorizationCode> code = (found != null)
				? found.getToken(OAuth2AuthorizationCode.class) : null;
		if (code != null && !code.isInvalidated() && token.equals(code.getToken().getTokenValue())) {
			// Remembered (in memory only) so that the redemption can compare-and-set.
			return OAuth2Authorization.from(found).attribute(PRESENTED_CODE, token).build();
		}
		if (found != null && found.getRefreshToken() != null
				&& token.equals(found.getRefreshToken().getToken().getTokenValue())) {
			// Remembered (in memory only) so that a rotation can compare-and-set on it.
			return OAuth2Authorization.from(found).attribute(PRESENTED_REFRESH_TOKEN, token).build();
		}
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

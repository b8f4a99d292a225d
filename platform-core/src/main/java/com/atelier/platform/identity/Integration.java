package com.atelier.platform.identity;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A brand integration: an OAuth2 client that uses the client credentials grant against
 * the admin API.
 *
 * @param clientId its client id
 * @param name what it is
 * @param scopes the permissions it may request
 * @param createdAt when it was created
 * @param createdBy who created it
 * @param revokedAt when it was revoked, if it was
 */
public record Integration(String clientId, String name, Set<Permission> scopes, Instant createdAt, String createdBy,
		@Nullable Instant revokedAt) {

	public boolean active() {
		return this.revokedAt == null;
	}

}

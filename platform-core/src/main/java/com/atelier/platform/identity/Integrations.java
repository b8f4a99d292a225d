package com.atelier.platform.identity;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The current tenant's brand integrations.
 */
public interface Integrations {

	/**
	 * Creates a confidential client. The secret is returned once and stored hashed.
	 * @param name what it is
	 * @param scopes permissions it may request; at least one
	 * @param actor who creates it
	 * @return the client id and secret
	 */
	Credentials create(String name, Set<Permission> scopes, Actor actor);

	List<Integration> list();

	Optional<Integration> find(String clientId);

	/**
	 * Revokes a client: it can get no new token, and tokens it holds stop working.
	 * @param clientId the client
	 * @param actor who revokes it
	 * @return false when it was already revoked
	 * @throws UnknownPrincipal when there is no such client
	 */
	boolean revoke(String clientId, Actor actor);

	/**
	 * @param clientId the client id
	 * @param clientSecret the secret, shown once
	 */
	record Credentials(String clientId, String clientSecret) {
	}

}

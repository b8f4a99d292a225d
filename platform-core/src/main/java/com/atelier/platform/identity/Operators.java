package com.atelier.platform.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Platform operators: credentials for the operator API, separate from every tenant.
 */
public interface Operators {

	/**
	 * Creates an operator with an API token, returned once and stored hashed.
	 * @param name unique name
	 * @return the token
	 */
	String create(String name);

	/**
	 * @param token a token from {@link #create}
	 * @return the operator, when the token is valid and not revoked
	 */
	Optional<Operator> authenticate(String token);

	List<Operator> list();

	boolean revoke(String name);

	/**
	 * @param name the operator
	 * @param createdAt when created
	 * @param revokedAt when revoked, if
	 */
	record Operator(String name, Instant createdAt, @Nullable Instant revokedAt) {
	}

}

package com.atelier.platform.identity;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The current tenant's token signing keys. One key signs; retired keys keep verifying the
 * tokens they signed until those have expired.
 */
public interface SigningKeys {

	/**
	 * Makes a new key the signing key; the previous one is retired but stays published.
	 * @param actor who rotates
	 * @return the new key id
	 */
	String rotate(Actor actor);

	List<KeyInfo> list();

	/**
	 * @param kid key id
	 * @param algorithm JWS algorithm
	 * @param active whether it signs new tokens
	 * @param createdAt when it was made
	 * @param retiredAt when it stopped signing
	 */
	record KeyInfo(String kid, String algorithm, boolean active, Instant createdAt, @Nullable Instant retiredAt) {
	}

}

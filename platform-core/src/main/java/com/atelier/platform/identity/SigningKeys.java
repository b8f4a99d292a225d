package com.atelier.platform.identity;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The current tenant's token signing keys. One key signs; retired keys keep verifying the
 * tokens they signed until those have expired; revoked keys verify nothing.
 */
public interface SigningKeys {

	/**
	 * Makes a new key the signing key; the previous one is retired but stays published
	 * while tokens it signed can live.
	 * @param actor who rotates
	 * @return the new key id
	 */
	String rotate(Actor actor);

	/**
	 * Makes a new key the signing key.
	 * @param actor who rotates
	 * @param emergency revoke every published key at once (a key may be compromised):
	 * tokens they signed stop verifying on every node within a second
	 * @return the new key id
	 */
	String rotate(Actor actor, boolean emergency);

	List<KeyInfo> list();

	/**
	 * @param kid key id
	 * @param algorithm JWS algorithm
	 * @param status whether it signs, verifies while its tokens live, or was revoked
	 * @param createdAt when it was made
	 * @param retiredAt when it stopped signing
	 */
	record KeyInfo(String kid, String algorithm, Status status, Instant createdAt, @Nullable Instant retiredAt) {

		public boolean active() {
			return this.status == Status.SIGNING;
		}

		public enum Status {

			/** Signs new tokens. */
			SIGNING,

			/** Verifies the tokens it signed until they expire. */
			RETIRED,

			/** Verifies nothing (emergency rotation). */
			REVOKED

		}

	}

}

package com.atelier.platform.idempotency;

import java.time.OffsetDateTime;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Idempotency keys of the current tenant, scoped to (client, key). Kept at least 24
 * hours.
 */
public interface Idempotency {

	/**
	 * Claims a key for a request, or says why it cannot be.
	 * @param client who sends the request (principal name)
	 * @param key the {@code Idempotency-Key}
	 * @param requestHash a hash of method, path, query and body
	 * @return what to do
	 */
	Claim claim(String client, String key, String requestHash);

	/**
	 * Stores the response of a claimed key, to replay it; nothing happens when the claim
	 * was taken over meanwhile.
	 */
	void complete(String client, String key, Claim claim, Response response);

	/**
	 * Releases a claimed key whose request failed on our side, so it can be retried;
	 * nothing happens when the claim was taken over meanwhile. A key whose request was
	 * applied (a transaction of it committed) is not released: it is kept as applied,
	 * without a response, so that a retry is refused rather than run again.
	 */
	void release(String client, String key, Claim claim);

	/**
	 * Marks a held claim applied, in the caller's transaction (the one that applies the
	 * request's effect): a compare-and-set on the claim.
	 * @throws ClaimLost when the claim was taken over meanwhile; the caller's transaction
	 * must then roll back
	 */
	void markApplied(String client, String key, Claim claim);

	/**
	 * @param outcome what to do
	 * @param response the stored response to replay, when {@link Outcome#REPLAY}
	 * @param claimedAt when {@link Outcome#PROCEED}: identifies this claim, so that only
	 * its holder completes or releases it
	 */
	record Claim(Outcome outcome, Optional<Response> response, @Nullable OffsetDateTime claimedAt) {

		public static Claim of(Outcome outcome) {
			return new Claim(outcome, Optional.empty(), null);
		}

	}

	enum Outcome {

		/** A new key: process the request. */
		PROCEED,

		/** The same request was done before: send its response again. */
		REPLAY,

		/** The key was used with another request: 422. */
		MISMATCH,

		/** The first request with the key is still being processed: 409. */
		IN_FLIGHT,

		/**
		 * The first request with the key was applied, but its response was not kept (its
		 * node stopped, or it failed after its effect committed): never run it again.
		 */
		APPLIED

	}

	/**
	 * A claim was taken over by a retry (its holder seemed to have stopped): the holder's
	 * effect must not be applied as well.
	 */
	class ClaimLost extends com.atelier.platform.problem.ProblemException {

		public ClaimLost() {
			super(IdempotencyFilter.KEY_IN_FLIGHT,
					"A retry with this Idempotency-Key took the request over; this attempt changed nothing.");
		}

	}

	/**
	 * @param status HTTP status
	 * @param contentType content type, if any
	 * @param location Location header, if any
	 * @param body body bytes
	 */
	record Response(int status, @Nullable String contentType, @Nullable String location, byte[] body) {
	}

}

package com.atelier.platform.ratelimit;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import com.atelier.platform.tenancy.TenantId;

/**
 * Token buckets shared by every node. Each call takes one token from the bucket of (rule,
 * brand, subject); the brand's own limit applies where it has one.
 */
public interface RateLimits {

	/**
	 * Takes a token, or says how long to wait for one.
	 * @param rule what is counted
	 * @param tenant the brand, for per-brand rules; null for
	 * {@link RateLimitRule#OPERATOR}
	 * @param subject who is counted: a client address key ({@link ClientAddress}), a
	 * principal name, or a constant for the whole brand
	 * @return the decision
	 */
	Decision take(RateLimitRule rule, @Nullable TenantId tenant, String subject);

	/**
	 * @param allowed whether the request may go on
	 * @param limit the limit that applied
	 * @param retryAfter when refused: how long until a token is back (at least a second)
	 */
	record Decision(boolean allowed, Limit limit, Duration retryAfter) {

		public static Decision allow(Limit limit) {
			return new Decision(true, limit, Duration.ZERO);
		}

	}

}

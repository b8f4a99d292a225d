package com.atelier.platform.ratelimit;

import java.time.Duration;

import org.springframework.http.ProblemDetail;

import com.atelier.platform.problem.ProblemType;
import com.atelier.platform.problem.Problems;

/** The problems of this feature. */
public final class RateLimitProblems {

	/** Too many requests for one rule's bucket: retry after the {@code Retry-After}. */
	public static final ProblemType RATE_LIMITED = new ProblemType("rate-limited", "Too many requests", 429);

	/**
	 * The brand already has its share of this node's request workers busy: retry shortly.
	 */
	public static final ProblemType BRAND_BUSY = new ProblemType("brand-busy", "Brand busy", 503);

	private RateLimitProblems() {
	}

	/**
	 * The 429 problem, naming the rule and its limit.
	 * @param rule the rule that refused
	 * @param decision its decision
	 * @return the problem
	 */
	public static ProblemDetail rateLimited(RateLimitRule rule, RateLimits.Decision decision) {
		ProblemDetail problem = Problems.of(RATE_LIMITED, "Too many requests (" + describe(rule) + ": "
				+ decision.limit() + "); retry in " + retryAfterSeconds(decision.retryAfter()) + " s.");
		problem.setProperty("rule", rule.id());
		problem.setProperty("limit", decision.limit().requests());
		problem.setProperty("period", decision.limit().period().toString());
		return problem;
	}

	/** Whole seconds to put in {@code Retry-After}: rounded up, at least 1. */
	public static long retryAfterSeconds(Duration wait) {
		long seconds = wait.toSeconds() + ((wait.toNanosPart() > 0) ? 1 : 0);
		return Math.max(1, seconds);
	}

	private static String describe(RateLimitRule rule) {
		return switch (rule) {
			case STOREFRONT_IP -> "storefront requests from your address";
			case STOREFRONT_BRAND -> "storefront requests to this brand";
			case CHECKOUT_IP -> "checkouts from your address";
			case ACCOUNT_IP -> "sign-in and account requests from your address";
			case ADMIN_CLIENT -> "admin API requests of this account";
			case OPERATOR -> "operator API requests of this operator";
		};
	}

}

package com.atelier.platform.ratelimit;

import java.time.Duration;
import java.util.Optional;

/**
 * What is counted, and the default limit of each rule. A brand may have its own limit for
 * any rule but {@link #OPERATOR} ({@link TenantRateLimits}); the defaults are Spring
 * properties ({@code atelier.rate-limits.defaults.<rule>=600/1m}).
 */
public enum RateLimitRule {

	/** Storefront requests (REST and GraphQL) from one client address at one brand. */
	STOREFRONT_IP("storefront-ip", Limit.of(1_200, Duration.ofMinutes(1)), true),

	/**
	 * Storefront requests of one brand from every address: the brand's share of a node.
	 */
	STOREFRONT_BRAND("storefront-brand", Limit.of(600_000, Duration.ofMinutes(1)), true),

	/** Checkouts from one client address at one brand. */
	CHECKOUT_IP("checkout-ip", Limit.of(30, Duration.ofMinutes(1)), true),

	/**
	 * Sign-up, verification, sign-in form posts and token requests from one client
	 * address at one brand.
	 */
	ACCOUNT_IP("account-ip", Limit.of(60, Duration.ofMinutes(1)), true),

	/** Admin API requests of one staff member or integration. */
	ADMIN_CLIENT("admin-client", Limit.of(1_200, Duration.ofMinutes(1)), true),

	/** Operator API requests of one operator (platform-wide). */
	OPERATOR("operator", Limit.of(600, Duration.ofMinutes(1)), false);

	private final String id;

	private final Limit fallback;

	private final boolean perBrand;

	RateLimitRule(String id, Limit fallback, boolean perBrand) {
		this.id = id;
		this.fallback = fallback;
		this.perBrand = perBrand;
	}

	/** The rule's name in configuration, the operator API and the CLI. */
	public String id() {
		return this.id;
	}

	/** The built-in default, when no property sets another. */
	public Limit fallback() {
		return this.fallback;
	}

	/** Whether a brand may have its own limit for this rule. */
	public boolean perBrand() {
		return this.perBrand;
	}

	public static Optional<RateLimitRule> of(String id) {
		for (RateLimitRule rule : values()) {
			if (rule.id.equals(id)) {
				return Optional.of(rule);
			}
		}
		return Optional.empty();
	}

}

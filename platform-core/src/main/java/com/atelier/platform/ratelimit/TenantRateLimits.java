package com.atelier.platform.ratelimit;

import java.util.Map;

import com.atelier.platform.identity.Actor;
import com.atelier.platform.tenancy.TenantId;
import com.atelier.platform.tenancy.TenantRef;

/**
 * A brand's own limits, set by operators (a brand cannot raise its own share of the
 * platform). Rules without one use the node's defaults. Changes reach every node within a
 * second.
 */
public interface TenantRateLimits {

	/** Every per-brand rule with the limit that applies to the brand now. */
	Map<RateLimitRule, Effective> effective(TenantId tenant);

	/**
	 * Sets the brand's own limit for a rule, recorded in the brand's audit log. Call it
	 * outside any transaction.
	 * @throws InvalidRateLimit for a rule that is not per brand
	 */
	void set(TenantRef tenant, RateLimitRule rule, Limit limit, Actor actor);

	/**
	 * Returns a rule to the default (audited); nothing happens when the brand had none.
	 */
	void reset(TenantRef tenant, RateLimitRule rule, Actor actor);

	/**
	 * @param limit the limit
	 * @param brandSpecific whether it is the brand's own ({@code false}: the default)
	 */
	record Effective(Limit limit, boolean brandSpecific) {
	}

}

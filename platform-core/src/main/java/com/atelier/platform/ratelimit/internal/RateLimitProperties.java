package com.atelier.platform.ratelimit.internal;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import com.atelier.platform.ratelimit.Limit;
import com.atelier.platform.ratelimit.RateLimitRule;

/**
 * {@code atelier.rate-limits.*}.
 *
 * @param enabled whether requests are counted at all
 * @param defaults each rule's limit where a brand has none, e.g.
 * {@code atelier.rate-limits.defaults.storefront-ip=600/1m}; unset rules use the built-in
 * defaults
 * @param syncInterval how long a node may count a bucket on its own before it reconciles
 * with the shared state in PostgreSQL
 * @param syncShare the share of a bucket a node may take on its own between
 * reconciliations (so N nodes may overshoot a limit by at most N times this share)
 * @param localBuckets how many buckets a node keeps in memory
 */
@ConfigurationProperties("atelier.rate-limits")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, Map<String, String> defaults,
		@DefaultValue("2s") Duration syncInterval, @DefaultValue("0.05") double syncShare,
		@DefaultValue("100000") long localBuckets) {

	public RateLimitProperties {
		defaults = (defaults != null) ? Map.copyOf(defaults) : Map.of();
		if (syncShare <= 0 || syncShare > 1) {
			throw new IllegalArgumentException("atelier.rate-limits.sync-share must be in (0, 1]");
		}
	}

	/** Every rule's default limit, checked at start-up. */
	Map<RateLimitRule, Limit> defaultLimits() {
		Map<RateLimitRule, Limit> limits = new EnumMap<>(RateLimitRule.class);
		for (RateLimitRule rule : RateLimitRule.values()) {
			limits.put(rule, rule.fallback());
		}
		this.defaults.forEach((id, rate) -> {
			RateLimitRule rule = RateLimitRule.of(id)
				.orElseThrow(() -> new IllegalArgumentException("atelier.rate-limits.defaults." + id
						+ ": no such rule (rules: storefront-ip, storefront-brand, checkout-ip, account-ip,"
						+ " admin-client, operator)"));
			try {
				limits.put(rule, Limit.parse(rate));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("atelier.rate-limits.defaults." + id + ": " + ex.getMessage(), ex);
			}
		});
		return limits;
	}

}

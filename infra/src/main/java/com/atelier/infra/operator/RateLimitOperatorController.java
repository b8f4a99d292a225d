package com.atelier.infra.operator;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.atelier.platform.identity.Actor;
import com.atelier.platform.ratelimit.InvalidRateLimit;
import com.atelier.platform.ratelimit.Limit;
import com.atelier.platform.ratelimit.RateLimitRule;
import com.atelier.platform.ratelimit.TenantRateLimits;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantDirectory;
import com.atelier.platform.tenancy.TenantSlug;
import com.atelier.platform.tenancy.UnknownTenant;

/**
 * {@code /platform/api/v1/tenants/{slug}/rate-limits}: a brand's limits, and the
 * operator's overrides of the defaults, as {@code bin/atelier tenant limits} does.
 */
@RestController
class RateLimitOperatorController {

	private final TenantDirectory directory;

	private final TenantRateLimits limits;

	RateLimitOperatorController(TenantDirectory directory, TenantRateLimits limits) {
		this.directory = directory;
		this.limits = limits;
	}

	@GetMapping("/platform/api/v1/tenants/{slug}/rate-limits")
	RateLimitsResource show(@PathVariable String slug) {
		return RateLimitsResource.of(this.limits, find(slug));
	}

	@PutMapping("/platform/api/v1/tenants/{slug}/rate-limits/{rule}")
	RateLimitsResource set(@PathVariable String slug, @PathVariable String rule, @RequestBody LimitRequest body,
			Authentication operator) {
		Tenant tenant = find(slug);
		if (body.limit() == null) {
			throw new InvalidRateLimit("limit", "is required, e.g. \"600/1m\"");
		}
		Limit limit;
		try {
			limit = Limit.parse(body.limit());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRateLimit("limit", ex.getMessage());
		}
		this.limits.set(tenant.ref(), rule(rule), limit, Actor.operator(operator.getName()));
		return RateLimitsResource.of(this.limits, tenant);
	}

	@DeleteMapping("/platform/api/v1/tenants/{slug}/rate-limits/{rule}")
	RateLimitsResource reset(@PathVariable String slug, @PathVariable String rule, Authentication operator) {
		Tenant tenant = find(slug);
		this.limits.reset(tenant.ref(), rule(rule), Actor.operator(operator.getName()));
		return RateLimitsResource.of(this.limits, tenant);
	}

	private static RateLimitRule rule(String id) {
		return RateLimitRule.of(id)
			.orElseThrow(() -> new InvalidRateLimit("rule",
					"is not a rule (storefront-ip, storefront-brand," + " checkout-ip, account-ip, admin-client)"));
	}

	private Tenant find(String slug) {
		return TenantSlug.parse(slug)
			.flatMap(this.directory::findBySlug)
			.orElseThrow(() -> UnknownTenant.forSlug(slug));
	}

	/**
	 * @param limit a rate, {@code REQUESTS/PERIOD}: {@code 600/1m}, {@code 5/10s}
	 */
	record LimitRequest(@Nullable String limit) {
	}

	/**
	 * @param tenant the brand's slug
	 * @param rules every per-brand rule
	 */
	record RateLimitsResource(String tenant, List<RuleResource> rules) {

		static RateLimitsResource of(TenantRateLimits limits, Tenant tenant) {
			return new RateLimitsResource(tenant.slug().value(),
					limits.effective(tenant.id())
						.entrySet()
						.stream()
						.map((e) -> new RuleResource(e.getKey().id(), e.getValue().limit().toString(),
								e.getValue().limit().requests(), e.getValue().limit().period().toSeconds(),
								e.getValue().brandSpecific() ? "brand" : "default"))
						.toList());
		}

	}

	/**
	 * @param rule the rule
	 * @param limit the rate, e.g. {@code 600/1m}
	 * @param requests requests per period
	 * @param periodSeconds the period
	 * @param source {@code brand} (set for this brand) or {@code default}
	 */
	record RuleResource(String rule, String limit, long requests, long periodSeconds, String source) {
	}

}

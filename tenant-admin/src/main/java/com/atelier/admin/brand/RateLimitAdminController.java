package com.atelier.admin.brand;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.atelier.platform.ratelimit.TenantRateLimits;
import com.atelier.platform.tenancy.TenantContext;

/**
 * {@code GET /admin/api/v1/rate-limits}: the limits the platform applies to the brand
 * (operators set them), so integrations can pace themselves.
 */
@RestController
class RateLimitAdminController {

	private final TenantRateLimits limits;

	RateLimitAdminController(TenantRateLimits limits) {
		this.limits = limits;
	}

	@GetMapping("/admin/api/v1/rate-limits")
	RateLimitsJson show() {
		return new RateLimitsJson(this.limits.effective(TenantContext.require().id())
			.entrySet()
			.stream()
			.map((e) -> new RuleJson(e.getKey().id(), e.getValue().limit().toString(), e.getValue().limit().requests(),
					e.getValue().limit().period().toSeconds(), e.getValue().brandSpecific() ? "brand" : "default"))
			.toList());
	}

	/**
	 * @param rules every rule that applies per brand
	 */
	record RateLimitsJson(List<RuleJson> rules) {
	}

	/**
	 * @param rule the rule
	 * @param limit the rate, e.g. {@code 600/1m}
	 * @param requests requests per period
	 * @param periodSeconds the period
	 * @param source {@code brand} (set for this brand) or {@code default}
	 */
	record RuleJson(String rule, String limit, long requests, long periodSeconds, String source) {
	}

}

package com.atelier.infra.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import com.atelier.platform.identity.Actor;
import com.atelier.platform.ratelimit.Limit;
import com.atelier.platform.ratelimit.RateLimitRule;
import com.atelier.platform.ratelimit.TenantRateLimits;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantDirectory;
import com.atelier.platform.tenancy.UnknownTenant;

/**
 * {@code atelier tenant limits}: shows a brand's rate limits, sets its own, or returns
 * them to the defaults.
 */
@Command(name = "limits", mixinStandardHelpOptions = true,
		description = { "Shows a tenant's rate limits; --set gives it its own, --reset returns a rule to the default.",
				"Rules: storefront-ip, storefront-brand, checkout-ip, account-ip, admin-client.",
				"Rates are REQUESTS/PERIOD: 600/1m, 5/10s, 10000/1h. Changes reach running nodes within a second." })
class TenantLimitsCommand implements Callable<Integer> {

	private final AtelierCli cli;

	@Parameters(paramLabel = "SLUG", description = "The tenant.")
	String slug;

	@Option(names = "--set", paramLabel = "RULE=RATE",
			description = "Sets the tenant's own limit, e.g. storefront-ip=600/1m.")
	List<String> set = new ArrayList<>();

	@Option(names = "--reset", paramLabel = "RULE", description = "Returns a rule to the default.")
	List<String> reset = new ArrayList<>();

	@Option(names = "--actor", paramLabel = "NAME",
			description = "Who changes them, for the brand's audit log (default: $ATELIER_OPERATOR, else the OS user).")
	String actor;

	@Option(names = "--json", description = "Print JSON.")
	boolean json;

	TenantLimitsCommand(AtelierCli cli) {
		this.cli = cli;
	}

	@Override
	public Integer call() {
		Map<RateLimitRule, Limit> changes = new LinkedHashMap<>();
		for (String assignment : this.set) {
			int equals = assignment.indexOf('=');
			if (equals <= 0) {
				throw new CliInputException("--set takes RULE=RATE, e.g. storefront-ip=600/1m");
			}
			RateLimitRule rule = rule(assignment.substring(0, equals).strip());
			try {
				changes.put(rule, Limit.parse(assignment.substring(equals + 1)));
			}
			catch (IllegalArgumentException ex) {
				throw new CliInputException("--set " + rule.id() + ": " + ex.getMessage());
			}
		}
		List<RateLimitRule> resets = this.reset.stream().map(TenantLimitsCommand::rule).toList();
		Tenant tenant = this.cli.bean(TenantDirectory.class)
			.findBySlug(Slugs.parse(this.slug))
			.orElseThrow(() -> UnknownTenant.forSlug(this.slug));
		TenantRateLimits limits = this.cli.bean(TenantRateLimits.class);
		Actor by = Actor.operator(OperatorName.of(this.actor));
		changes.forEach((rule, limit) -> limits.set(tenant.ref(), rule, limit, by));
		resets.forEach((rule) -> limits.reset(tenant.ref(), rule, by));
		Map<RateLimitRule, TenantRateLimits.Effective> effective = limits.effective(tenant.id());
		if (this.json) {
			Map<String, Object> view = new LinkedHashMap<>();
			view.put("tenant", tenant.slug().value());
			view.put("rules",
					effective.entrySet()
						.stream()
						.map((e) -> Map.of("rule", e.getKey().id(), "limit", e.getValue().limit().toString(), "source",
								e.getValue().brandSpecific() ? "brand" : "default"))
						.toList());
			this.cli.out().println(TenantViews.toJson(view));
		}
		else {
			effective.forEach((rule, limit) -> this.cli.out()
				.printf("%-17s %-12s %s%n", rule.id(), limit.limit(), limit.brandSpecific() ? "brand" : "default"));
		}
		return AtelierCli.OK;
	}

	private static RateLimitRule rule(String id) {
		return RateLimitRule.of(id)
			.filter(RateLimitRule::perBrand)
			.orElseThrow(() -> new CliInputException("no rule '" + id
					+ "' per tenant (storefront-ip, storefront-brand, checkout-ip, account-ip, admin-client)"));
	}

}

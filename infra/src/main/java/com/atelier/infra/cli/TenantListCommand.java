package com.atelier.infra.cli;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantDirectory;

/**
 * {@code atelier tenant list}.
 */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists every tenant, by slug.")
class TenantListCommand implements Callable<Integer> {

	private final AtelierCli cli;

	@Option(names = "--json", description = "Print a JSON array instead of a table.")
	boolean json;

	TenantListCommand(AtelierCli cli) {
		this.cli = cli;
	}

	@Override
	public Integer call() {
		List<Tenant> tenants = this.cli.bean(TenantDirectory.class).list();
		var out = this.cli.out();
		if (this.json) {
			out.println(TenantViews.toJson(tenants.stream().map(TenantViews::json).toList()));
			return AtelierCli.OK;
		}
		if (tenants.isEmpty()) {
			out.println("No tenants. Create one with: atelier tenant create --slug SLUG --name NAME --currency CUR");
			return AtelierCli.OK;
		}
		String format = "%-40s  %-12s  %-8s  %-9s  %s%n";
		out.printf(format, "SLUG", "STATUS", "CURRENCY", "MIGRATION", "DOMAINS");
		for (Tenant tenant : tenants) {
			out.printf(format, tenant.slug(), tenant.status(), tenant.defaultCurrency(), tenant.migrationState(),
					tenant.domains().isEmpty() ? "-" : String.join(",", tenant.domains()));
		}
		return AtelierCli.OK;
	}

}

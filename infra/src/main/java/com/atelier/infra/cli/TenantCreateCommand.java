package com.atelier.infra.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import com.atelier.platform.tenancy.NewTenant;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantProvisioning;

/**
 * {@code atelier tenant create}.
 */
@Command(name = "create", mixinStandardHelpOptions = true,
		description = { "Creates a tenant: its directory entry, its schema and tables, its brand settings.",
				"Nothing is left behind when any step fails." })
class TenantCreateCommand implements Callable<Integer> {

	private final AtelierCli cli;

	@Option(names = "--slug", required = true, paramLabel = "SLUG",
			description = "Short name: a lower-case letter, then 1 to 39 lower-case letters, digits or hyphens.")
	String slug;

	@Option(names = "--name", required = true, paramLabel = "NAME", description = "The brand's name.")
	String name;

	@Option(names = "--currency", required = true, paramLabel = "CUR",
			description = "ISO 4217 code of the default currency (EUR, JPY, BHD, ...).")
	String currency;

	@Option(names = "--domain", paramLabel = "HOST", description = "A host name to serve the brand on (repeatable).")
	List<String> domains = new ArrayList<>();

	@Option(names = "--locale", paramLabel = "LOCALE",
			description = "A BCP 47 locale (repeatable; the first is the default; default: en).")
	List<String> locales = new ArrayList<>();

	TenantCreateCommand(AtelierCli cli) {
		this.cli = cli;
	}

	@Override
	public Integer call() {
		NewTenant command = NewTenant.of(this.slug, this.name, this.currency, this.domains, this.locales);
		Tenant tenant = this.cli.bean(TenantProvisioning.class).create(command);
		var out = this.cli.out();
		out.println("Created tenant " + tenant.slug());
		out.println("  id:     " + tenant.id());
		out.println("  schema: " + tenant.schema());
		out.println("  host:   " + tenant.localHost()
				+ (tenant.domains().isEmpty() ? "" : ", " + String.join(", ", tenant.domains())));
		return AtelierCli.OK;
	}

}

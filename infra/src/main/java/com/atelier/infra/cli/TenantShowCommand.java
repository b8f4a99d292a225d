package com.atelier.infra.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantDirectory;
import com.atelier.platform.tenancy.UnknownTenant;

/**
 * {@code atelier tenant show}.
 */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one tenant.")
class TenantShowCommand implements Callable<Integer> {

	private final AtelierCli cli;

	@Parameters(paramLabel = "SLUG", description = "The tenant.")
	String slug;

	@Option(names = "--json", description = "Print JSON.")
	boolean json;

	TenantShowCommand(AtelierCli cli) {
		this.cli = cli;
	}

	@Override
	public Integer call() {
		Tenant tenant = this.cli.bean(TenantDirectory.class)
			.findBySlug(Slugs.parse(this.slug))
			.orElseThrow(() -> UnknownTenant.forSlug(this.slug));
		if (this.json) {
			this.cli.out().println(TenantViews.toJson(TenantViews.json(tenant)));
		}
		else {
			TenantViews.details(tenant).forEach(this.cli.out()::println);
		}
		return AtelierCli.OK;
	}

}

package com.atelier.infra.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import com.atelier.platform.tenancy.TenantProvisioning;
import com.atelier.platform.tenancy.TenantSlug;
import com.atelier.platform.tenancy.Tombstone;

/**
 * {@code atelier tenant delete}.
 */
@Command(name = "delete", mixinStandardHelpOptions = true,
		description = { "Drops the tenant's schema and all its data, and keeps a tombstone (slug, when, by whom).",
				"The slug is never given to another tenant. Export first if the data matters." })
class TenantDeleteCommand implements Callable<Integer> {

	private final AtelierCli cli;

	@Parameters(paramLabel = "SLUG", description = "The tenant.")
	String slug;

	@Option(names = "--confirm", required = true, paramLabel = "SLUG", description = "The slug again, to confirm.")
	String confirm;

	@Option(names = "--actor", paramLabel = "NAME",
			description = "Who deletes it, for the tombstone (default: $ATELIER_OPERATOR, else the OS user).")
	String actor;

	TenantDeleteCommand(AtelierCli cli) {
		this.cli = cli;
	}

	@Override
	public Integer call() {
		TenantSlug tenant = Slugs.parse(this.slug);
		Tombstone tombstone = this.cli.bean(TenantProvisioning.class)
			.delete(tenant, this.confirm, OperatorName.of(this.actor));
		this.cli.out()
			.printf("Deleted %s: schema dropped; tombstone kept (%s, by %s)%n", tombstone.slug(), tombstone.deletedAt(),
					tombstone.deletedBy());
		return AtelierCli.OK;
	}

}

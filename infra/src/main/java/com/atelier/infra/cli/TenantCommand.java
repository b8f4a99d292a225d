package com.atelier.infra.cli;

import picocli.CommandLine.Command;

/**
 * {@code atelier tenant ...}: provisioning for platform operators.
 */
@Command(name = "tenant", mixinStandardHelpOptions = true, description = "Create and operate tenants (brands).",
		subcommands = { TenantCreateCommand.class, TenantListCommand.class, TenantShowCommand.class,
				TenantSuspendCommand.class, TenantResumeCommand.class, TenantMigrateCommand.class,
				TenantExportCommand.class, TenantDeleteCommand.class, TenantLimitsCommand.class })
class TenantCommand implements Runnable {

	@Override
	public void run() {
		throw new CliInputException("a tenant command is required (create, list, show, suspend, resume, migrate,"
				+ " export, delete, limits)");
	}

}

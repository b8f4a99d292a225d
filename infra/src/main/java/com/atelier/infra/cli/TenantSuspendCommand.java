package com.atelier.infra.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import com.atelier.platform.tenancy.TenantProvisioning;

/**
 * {@code atelier tenant suspend}.
 */
@Command(name = "suspend", mixinStandardHelpOptions = true, description = {
		"Stops serving a tenant: every API of it answers 403. Data is kept.", "Running nodes notice within a second." })
class TenantSuspendCommand implements Callable<Integer> {

	private final AtelierCli cli;

	@Parameters(paramLabel = "SLUG", description = "The tenant.")
	String slug;

	TenantSuspendCommand(AtelierCli cli) {
		this.cli = cli;
	}

	@Override
	public Integer call() {
		boolean changed = this.cli.bean(TenantProvisioning.class).suspend(Slugs.parse(this.slug));
		this.cli.out().println(changed ? "Suspended " + this.slug : this.slug + " was already suspended");
		return AtelierCli.OK;
	}

}

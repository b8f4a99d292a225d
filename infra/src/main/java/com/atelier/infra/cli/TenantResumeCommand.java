package com.atelier.infra.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import com.atelier.platform.tenancy.TenantProvisioning;

/**
 * {@code atelier tenant resume}.
 */
@Command(name = "resume", mixinStandardHelpOptions = true,
		description = { "Serves a suspended tenant again.", "Running nodes notice within a second." })
class TenantResumeCommand implements Callable<Integer> {

	private final AtelierCli cli;

	@Parameters(paramLabel = "SLUG", description = "The tenant.")
	String slug;

	TenantResumeCommand(AtelierCli cli) {
		this.cli = cli;
	}

	@Override
	public Integer call() {
		boolean changed = this.cli.bean(TenantProvisioning.class).resume(Slugs.parse(this.slug));
		this.cli.out().println(changed ? "Resumed " + this.slug : this.slug + " was already active");
		return AtelierCli.OK;
	}

}

package com.atelier.infra.cli;

import picocli.CommandLine.Command;

/**
 * {@code atelier report ...}: reports for platform operators.
 */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Reports for platform operators.",
		subcommands = { ReportRollupCommand.class })
class ReportCommand implements Runnable {

	@Override
	public void run() {
		throw new CliInputException("a report command is required (rollup)");
	}

}

package com.atelier.infra.cli;

import picocli.CommandLine.Command;

/**
 * {@code atelier}: the platform's single entry point.
 */
@Command(name = "atelier", mixinStandardHelpOptions = true, versionProvider = Versions.class,
		description = "Atelier: a multi-tenant commerce platform for luxury brands.",
		subcommands = { ServeCommand.class, TenantCommand.class, StaffCommand.class, ClientCommand.class,
				KeysCommand.class, OperatorCommand.class, ReportCommand.class },
		footer = { "", "Exit codes: 0 success, 1 refused or failed, 2 invalid usage or input.", "",
				"Database: ATELIER_DB_URL (with ATELIER_DB_USER, ATELIER_DB_PASSWORD);",
				"without it, an embedded PostgreSQL with its data in ATELIER_DATA_DIR", "(default ./var)." })
class RootCommand implements Runnable {

	@Override
	public void run() {
		throw new CliInputException("a command is required (serve, tenant, staff, client, keys, operator, report)");
	}

}

package com.atelier.infra.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import com.atelier.platform.identity.Operators;

/**
 * {@code atelier operator ...}: credentials for the operator API.
 */
@Command(name = "operator", mixinStandardHelpOptions = true,
		description = "Manage platform operators' API tokens (operator API, /platform/api/v1).", subcommands = {
				OperatorCommand.Create.class, OperatorCommand.ListOperators.class, OperatorCommand.Revoke.class })
class OperatorCommand implements Runnable {

	@Override
	public void run() {
		throw new CliInputException("an operator command is required (create, list, revoke)");
	}

	@Command(name = "create", mixinStandardHelpOptions = true,
			description = "Creates an operator and prints their API token (shown once).")
	static class Create implements Callable<Integer> {

		private final AtelierCli cli;

		@Option(names = "--name", required = true, paramLabel = "NAME", description = "Unique name.")
		String name;

		Create(AtelierCli cli) {
			this.cli = cli;
		}

		@Override
		public Integer call() {
			String token = this.cli.bean(Operators.class).create(this.name);
			this.cli.out().println("Created operator " + this.name.strip());
			this.cli.out().println("  token: " + token + "   (shown once; send as Authorization: Bearer ...)");
			return AtelierCli.OK;
		}

	}

	@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists operators.")
	static class ListOperators implements Callable<Integer> {

		private final AtelierCli cli;

		ListOperators(AtelierCli cli) {
			this.cli = cli;
		}

		@Override
		public Integer call() {
			String format = "%-30s  %-28s  %s%n";
			this.cli.out().printf(format, "NAME", "CREATED", "STATUS");
			for (Operators.Operator operator : this.cli.bean(Operators.class).list()) {
				this.cli.out()
					.printf(format, operator.name(), operator.createdAt(),
							(operator.revokedAt() != null) ? "revoked" : "active");
			}
			return AtelierCli.OK;
		}

	}

	@Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes an operator's token.")
	static class Revoke implements Callable<Integer> {

		private final AtelierCli cli;

		@Parameters(paramLabel = "NAME", description = "The operator.")
		String name;

		Revoke(AtelierCli cli) {
			this.cli = cli;
		}

		@Override
		public Integer call() {
			boolean revoked = this.cli.bean(Operators.class).revoke(this.name);
			if (!revoked) {
				this.cli.err().println("error: no active operator named '" + this.name + "'");
				return AtelierCli.FAILED;
			}
			this.cli.out().println("Revoked operator " + this.name);
			return AtelierCli.OK;
		}

	}

}

package com.atelier.infra.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import com.atelier.platform.identity.SigningKeys;

/**
 * {@code atelier keys ...}: a brand's token signing keys.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage a brand's token signing keys.",
		subcommands = { KeysCommand.Rotate.class, KeysCommand.ListKeys.class })
class KeysCommand implements Runnable {

	@Override
	public void run() {
		throw new CliInputException("a keys command is required (rotate, list)");
	}

	@Command(name = "rotate", mixinStandardHelpOptions = true,
			description = { "Makes a new key sign the brand's tokens. The previous key stays published",
					"as long as tokens it signed can live (the longest token lifetime plus clock skew),",
					"so they stay valid until they expire. With --emergency every published key is",
					"revoked at once: tokens signed before stop working on every node within a second." })
	static class Rotate implements Callable<Integer> {

		private final AtelierCli cli;

		@Parameters(paramLabel = "SLUG", description = "The brand.")
		String slug;

		@Option(names = "--emergency",
				description = "Revoke the old keys now (a key may be compromised); signed-in users refresh their tokens.")
		boolean emergency;

		Rotate(AtelierCli cli) {
			this.cli = cli;
		}

		@Override
		public Integer call() {
			String kid = TenantScope.call(this.cli, this.slug,
					() -> this.cli.bean(SigningKeys.class).rotate(TenantScope.operator(), this.emergency));
			this.cli.out()
				.println("Rotated " + this.slug + ": new signing key " + kid
						+ (this.emergency ? "; every earlier key is revoked" : ""));
			return AtelierCli.OK;
		}

	}

	@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists a brand's signing keys.")
	static class ListKeys implements Callable<Integer> {

		private final AtelierCli cli;

		@Parameters(paramLabel = "SLUG", description = "The brand.")
		String slug;

		ListKeys(AtelierCli cli) {
			this.cli = cli;
		}

		@Override
		public Integer call() {
			List<SigningKeys.KeyInfo> keys = TenantScope.call(this.cli, this.slug,
					() -> this.cli.bean(SigningKeys.class).list());
			String format = "%-18s  %-6s  %-8s  %-28s  %s%n";
			this.cli.out().printf(format, "KID", "ALG", "STATUS", "CREATED", "RETIRED");
			for (SigningKeys.KeyInfo key : keys) {
				this.cli.out()
					.printf(format, key.kid(), key.algorithm(), key.status().name().toLowerCase(Locale.ROOT),
							key.createdAt(), (key.retiredAt() != null) ? key.retiredAt() : "-");
			}
			return AtelierCli.OK;
		}

	}

}

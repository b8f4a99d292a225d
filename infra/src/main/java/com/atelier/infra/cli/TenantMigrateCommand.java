package com.atelier.infra.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import com.atelier.platform.tenancy.MigrationResult;
import com.atelier.platform.tenancy.MigrationResult.Outcome;
import com.atelier.platform.tenancy.TenantMigrations;
import com.atelier.platform.tenancy.TenantSlug;

/**
 * {@code atelier tenant migrate}.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
		description = { "Applies the tenant changelog to one tenant, or to all of them.",
				"Tenants already at head are skipped without running Liquibase; a failing tenant is",
				"marked FAILED and the others continue. Exit code 1 when any tenant failed." })
class TenantMigrateCommand implements Callable<Integer> {

	private final AtelierCli cli;

	@ArgGroup(exclusive = true, multiplicity = "1")
	Target target;

	static class Target {

		@Parameters(paramLabel = "SLUG", description = "The tenant.")
		String slug;

		@Option(names = "--all", required = true, description = "Every tenant.")
		boolean all;

	}

	TenantMigrateCommand(AtelierCli cli) {
		this.cli = cli;
	}

	@Override
	public Integer call() {
		TenantSlug single = (this.target.slug != null) ? Slugs.parse(this.target.slug) : null;
		TenantMigrations migrations = this.cli.bean(TenantMigrations.class);
		PrintWriter out = this.cli.out();
		if (single != null) {
			MigrationResult result = migrations.migrate(single);
			out.println(line(result));
			return result.failed() ? AtelierCli.FAILED : AtelierCli.OK;
		}
		long started = System.nanoTime();
		Progress progress = new Progress(out, this.cli.terminal());
		List<MigrationResult> results = migrations.migrateAll(progress);
		progress.done();
		long failed = results.stream().filter(MigrationResult::failed).count();
		long migrated = results.stream().filter((r) -> r.outcome() == Outcome.MIGRATED).count();
		long skipped = results.stream().filter((r) -> r.outcome() == Outcome.SKIPPED).count();
		out.printf("%d tenants at head %s: %d migrated, %d skipped, %d failed (%.1f s)%n", results.size(),
				migrations.head(), migrated, skipped, failed,
				Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
		if (failed > 0) {
			this.cli.err().println("error: " + failed + " tenant(s) failed; see 'atelier tenant show SLUG'");
		}
		return (failed > 0) ? AtelierCli.FAILED : AtelierCli.OK;
	}

	static String line(MigrationResult result) {
		return switch (result.outcome()) {
			case MIGRATED -> String.format("%-40s  MIGRATED  %d changeset(s) in %d ms", result.slug(),
					result.changesetsApplied(), result.duration().toMillis());
			case SKIPPED -> String.format("%-40s  SKIPPED   already at head", result.slug());
			case FAILED -> String.format("%-40s  FAILED    %s", result.slug(), result.error());
		};
	}

	/**
	 * A result line per tenant; on a terminal, a progress bar kept below them.
	 */
	static final class Progress implements TenantMigrations.Listener {

		private static final int WIDTH = 30;

		private final PrintWriter out;

		private final boolean terminal;

		private int total;

		Progress(PrintWriter out, boolean terminal) {
			this.out = out;
			this.terminal = terminal;
		}

		@Override
		public void started(int total) {
			this.total = total;
			if (total == 0) {
				this.out.println("No tenants to migrate.");
			}
			bar(0);
		}

		@Override
		public void tenantFinished(int index, MigrationResult result) {
			if (this.terminal) {
				this.out.print("\r\033[K");
			}
			this.out.println(String.format("[%" + digits() + "d/%d] ", index + 1, this.total) + line(result));
			bar(index + 1);
		}

		void done() {
			if (this.terminal) {
				this.out.print("\r\033[K");
				this.out.flush();
			}
		}

		private void bar(int finished) {
			if (!this.terminal || this.total == 0) {
				return;
			}
			int filled = (int) ((long) WIDTH * finished / this.total);
			this.out
				.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + finished + "/" + this.total);
			this.out.flush();
		}

		private int digits() {
			return Integer.toString(Math.max(this.total, 1)).length();
		}

	}

}

package com.atelier.infra.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import com.atelier.reporting.rollup.Rollup;
import com.atelier.reporting.web.RollupJsonView;

/**
 * {@code atelier report rollup --from DATE --to DATE [--json|--csv]}.
 */
@Command(name = "rollup", mixinStandardHelpOptions = true,
		description = { "Per tenant and currency: GMV, paid orders and refunds over a range of days, each",
				"tenant's days in its own time zone; and counts of active, suspended and trading tenants.",
				"Tenants are read a few at a time; one that fails or times out is listed with its error",
				"and the others go on (exit code 1 when any failed)." })
class ReportRollupCommand implements Callable<Integer> {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final AtelierCli cli;

	@Option(names = "--from", required = true, paramLabel = "DATE", description = "First day, YYYY-MM-DD.")
	String from;

	@Option(names = "--to", required = true, paramLabel = "DATE", description = "Last day, YYYY-MM-DD (inclusive).")
	String to;

	@ArgGroup(exclusive = true)
	Format format;

	@Option(names = "--parallelism", defaultValue = "4", paramLabel = "N",
			description = "Tenants read at a time, 1 to 16 (default ${DEFAULT-VALUE}).")
	int parallelism;

	@Option(names = "--timeout", paramLabel = "SECONDS",
			description = "Statement timeout per tenant (default: each tenant's report timeout).")
	Integer timeoutSeconds;

	static class Format {

		@Option(names = "--json", required = true, description = "Print JSON.")
		boolean json;

		@Option(names = "--csv", required = true, description = "Print CSV (RFC 4180).")
		boolean csv;

	}

	ReportRollupCommand(AtelierCli cli) {
		this.cli = cli;
	}

	@Override
	public Integer call() throws Exception {
		LocalDate first = date("--from", this.from);
		LocalDate last = date("--to", this.to);
		if (last.isBefore(first)) {
			throw new CliInputException("--to must not be before --from");
		}
		if (this.parallelism < 1 || this.parallelism > 16) {
			throw new CliInputException("--parallelism must be from 1 to 16");
		}
		if (this.timeoutSeconds != null && (this.timeoutSeconds < 1 || this.timeoutSeconds > 3600)) {
			throw new CliInputException("--timeout must be from 1 to 3600 seconds");
		}
		Duration timeout = (this.timeoutSeconds != null) ? Duration.ofSeconds(this.timeoutSeconds) : null;
		PrintWriter out = this.cli.out();
		Bar bar = new Bar(this.cli.err(), this.cli.terminal());
		Rollup.Result result = this.cli.bean(Rollup.class).run(first, last, this.parallelism, timeout, bar);
		bar.done();
		if (this.format != null && this.format.json) {
			out.println(JSON.writeValueAsString(RollupJsonView.of(result)));
		}
		else if (this.format != null && this.format.csv) {
			Rollup.writeCsv(result, out);
		}
		else {
			table(result, out);
		}
		out.flush();
		for (Rollup.TenantResult tenant : result.results()) {
			if (tenant.error() != null) {
				this.cli.err().println("error: tenant " + tenant.tenant() + ": " + tenant.error());
			}
		}
		return (result.tenants().failed() > 0) ? AtelierCli.FAILED : AtelierCli.OK;
	}

	private static void table(Rollup.Result result, PrintWriter out) {
		String format = "%-40s  %-9s  %-3s  %8s  %18s  %7s  %18s%n";
		out.printf(format, "TENANT", "STATUS", "CUR", "ORDERS", "GMV", "REFUNDS", "REFUNDED");
		for (Rollup.TenantResult tenant : result.results()) {
			if (tenant.error() != null) {
				out.printf("%-40s  %-9s  FAILED: %s%n", tenant.tenant(), tenant.status(), tenant.error());
				continue;
			}
			for (Rollup.Figures f : tenant.figures()) {
				out.printf(format, tenant.tenant(), tenant.status(), f.currency(), f.orders(), f.gmv(), f.refunds(),
						f.refunded());
			}
		}
		Rollup.Counts counts = result.tenants();
		out.printf("%s to %s: %d tenants (%d active, %d suspended), %d with orders, %d failed (%.1f s)%n",
				result.from(), result.to(), counts.total(), counts.active(), counts.suspended(), counts.withOrders(),
				counts.failed(), result.took().toMillis() / 1000.0);
	}

	private static LocalDate date(String option, String value) {
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new CliInputException(option + " must be a date as YYYY-MM-DD, not '" + value + "'");
		}
	}

	/** A progress bar on stderr, drawn only on a terminal. */
	static final class Bar implements Rollup.Listener {

		private static final int WIDTH = 30;

		private final PrintWriter err;

		private final boolean terminal;

		private int total;

		Bar(PrintWriter err, boolean terminal) {
			this.err = err;
			this.terminal = terminal;
		}

		@Override
		public void started(int tenants) {
			this.total = tenants;
			draw(0);
		}

		@Override
		public void finished(int done, Rollup.TenantResult result) {
			draw(done);
		}

		void done() {
			if (this.terminal) {
				this.err.print("\r\033[K");
				this.err.flush();
			}
		}

		private void draw(int done) {
			if (!this.terminal || this.total == 0) {
				return;
			}
			int filled = (int) ((long) WIDTH * done / this.total);
			this.err.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + this.total
					+ " tenants");
			this.err.flush();
		}

	}

}

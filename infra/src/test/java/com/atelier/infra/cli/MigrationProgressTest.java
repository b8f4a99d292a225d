package com.atelier.infra.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.atelier.platform.tenancy.MigrationResult;
import com.atelier.platform.tenancy.MigrationResult.Outcome;
import com.atelier.platform.tenancy.TenantSlug;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tenant migrate --all} draws a progress bar on a terminal and plain lines
 * elsewhere.
 */
class MigrationProgressTest {

	@Test
	void a_terminal_gets_a_bar_redrawn_below_each_result() {
		String output = render(true);
		assertThat(output).contains("\r[" + ".".repeat(30) + "] 0/2")
			.contains("\r\033[K[1/2] alpha")
			.contains("\r[###############...............] 1/2")
			.contains("\r[" + "#".repeat(30) + "] 2/2");
	}

	@Test
	void elsewhere_only_plain_lines() {
		String output = render(false);
		assertThat(output).doesNotContain("\r").doesNotContain("#");
		assertThat(output.lines()).hasSize(2);
		assertThat(output.lines().toList().get(1)).matches("\\[2/2\\] beta +FAILED +boom");
	}

	private static String render(boolean terminal) {
		StringWriter text = new StringWriter();
		TenantMigrateCommand.Progress progress = new TenantMigrateCommand.Progress(new PrintWriter(text), terminal);
		progress.started(2);
		progress.tenantFinished(0,
				new MigrationResult(new TenantSlug("alpha"), Outcome.MIGRATED, 1, Duration.ofMillis(12), null));
		progress.tenantFinished(1,
				new MigrationResult(new TenantSlug("beta"), Outcome.FAILED, 0, Duration.ZERO, "boom"));
		progress.done();
		return text.toString();
	}

}

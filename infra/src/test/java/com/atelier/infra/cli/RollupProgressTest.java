package com.atelier.infra.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.atelier.reporting.rollup.Rollup;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code report rollup} draws its progress bar on stderr on a terminal, and nothing
 * elsewhere (its results on stdout stay clean for pipes).
 */
class RollupProgressTest {

	@Test
	void a_terminal_gets_a_bar_that_is_cleared_at_the_end() {
		String output = render(true);
		assertThat(output).startsWith("\r[" + ".".repeat(30) + "] 0/4 tenants")
			.contains("\r[#######.......................] 1/4 tenants")
			.contains("\r[" + "#".repeat(30) + "] 4/4 tenants")
			.endsWith("\r\033[K");
	}

	@Test
	void elsewhere_nothing() {
		assertThat(render(false)).isEmpty();
	}

	private static String render(boolean terminal) {
		StringWriter text = new StringWriter();
		ReportRollupCommand.Bar bar = new ReportRollupCommand.Bar(new PrintWriter(text), terminal);
		bar.started(4);
		for (int i = 1; i <= 4; i++) {
			bar.finished(i, new Rollup.TenantResult("t" + i, "ACTIVE", List.of(), null, 1));
		}
		bar.done();
		return text.toString();
	}

}

package com.atelier.infra.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.atelier.infra.AtelierApplication;
import com.atelier.testing.TestDatabase;

/**
 * Runs CLI command lines in-process against one application context on a test database,
 * capturing exit code, stdout and stderr. The context is shared by every run (closing it
 * is the harness's job, not the command's).
 */
final class CliHarness implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	CliHarness(String database, String... properties) {
		TestDatabase.Coordinates db = TestDatabase.database(database);
		this.context = new SpringApplicationBuilder(AtelierApplication.class).web(WebApplicationType.NONE)
			.profiles("cli")
			.properties("spring.datasource.url=" + db.url(), "spring.datasource.username=" + db.user(),
					"spring.datasource.password=" + db.password(), "atelier.embedded-db.enabled=false",
					"atelier.cluster.listen=false", "atelier.master-key=" + TestDatabase.masterKey())
			.properties(properties)
			.run();
	}

	Run run(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		CliContext shared = new CliContext() {

			@Override
			public <T> T bean(Class<T> type) {
				return CliHarness.this.context.getBean(type);
			}

			@Override
			public void close() {
			}

		};
		AtelierCli cli = new AtelierCli(() -> shared, new PrintWriter(out, true), new PrintWriter(err, true), false);
		int code = cli.execute(args);
		return new Run(code, out.toString(), err.toString());
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

	/**
	 * @param code exit code
	 * @param out what went to stdout
	 * @param err what went to stderr
	 */
	record Run(int code, String out, String err) {

		@Override
		public String toString() {
			return "exit " + this.code + "\n--- stdout\n" + this.out + "--- stderr\n" + this.err;
		}

	}

}

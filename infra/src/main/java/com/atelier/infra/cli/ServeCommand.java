package com.atelier.infra.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import com.atelier.infra.AtelierApplication;

/**
 * {@code atelier serve}: the platform's HTTP server.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
		description = { "Starts the platform: storefront, admin and operator APIs on one port.",
				"Without ATELIER_DB_URL it starts an embedded PostgreSQL whose data lives in ./var." })
class ServeCommand implements Callable<Integer> {

	private final AtelierCli cli;

	@Option(names = "--demo", description = "Create the demo brands if they are missing.")
	boolean demo;

	@Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default: $PORT or 8080).")
	Integer port;

	@Parameters(paramLabel = "SPRING_ARGS", arity = "0..*", hidden = true,
			description = "Extra Spring Boot arguments, e.g. --logging.level.root=debug")
	List<String> springArgs = new ArrayList<>();

	ServeCommand(AtelierCli cli) {
		this.cli = cli;
	}

	@Override
	public Integer call() {
		List<String> args = new ArrayList<>(this.springArgs);
		if (this.demo) {
			args.add("--atelier.demo=true");
			// Atelier sends no email yet: in the demo, sign-up verification tokens are
			// logged.
			args.add("--atelier.identity.log-verification-tokens=true");
		}
		if (this.port != null) {
			if (this.port < 0 || this.port > 65535) {
				throw new CliInputException("--port must be between 0 and 65535");
			}
			args.add("--server.port=" + this.port);
		}
		SpringApplication application = new SpringApplication(AtelierApplication.class);
		ConfigurableApplicationContext context = application.run(args.toArray(String[]::new));
		this.cli.markServing();
		return context.isActive() ? AtelierCli.OK : AtelierCli.FAILED;
	}

}

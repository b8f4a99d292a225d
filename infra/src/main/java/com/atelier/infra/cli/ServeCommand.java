package com.atelier.infra.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import com.atelier.infra.AtelierApplication;

/**
 * {@code atelier serve}: the platform's HTTP server.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
		description = { "Starts the platform: storefront, admin and operator APIs on one port.",
				"Without ATELIER_DB_URL it starts an embedded PostgreSQL whose data lives in ./var.",
				"Spring Boot properties may follow as --name=value, e.g. --atelier.storefront.cache.enabled=false." })
class ServeCommand implements Callable<Integer> {

	private static final Pattern SPRING_PROPERTY = Pattern.compile("--[A-Za-z0-9][A-Za-z0-9._\\-\\[\\]]*=.*");

	private final AtelierCli cli;

	@Option(names = "--demo", description = "Create the demo brands if they are missing.")
	boolean demo;

	@Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default: $PORT or 8080).")
	Integer port;

	/**
	 * Spring Boot properties as {@code --name=value}, e.g.
	 * {@code --logging.level.root=debug}.
	 */
	@Unmatched
	List<String> springArgs = new ArrayList<>();

	ServeCommand(AtelierCli cli) {
		this.cli = cli;
	}

	@Override
	public Integer call() {
		for (String arg : this.springArgs) {
			if (!SPRING_PROPERTY.matcher(arg).matches()) {
				throw new CliInputException("Unknown option or argument '" + arg
						+ "'. Spring Boot properties are passed as --name=value, e.g. --logging.level.root=debug.");
			}
		}
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

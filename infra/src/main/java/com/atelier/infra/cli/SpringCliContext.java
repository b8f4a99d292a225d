package com.atelier.infra.cli;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.atelier.infra.AtelierApplication;

/**
 * The platform without a web server, logging only warnings, to stderr (profile
 * {@code cli}), and without a cluster listener.
 */
final class SpringCliContext implements CliContext {

	private final String[] properties;

	private @Nullable ConfigurableApplicationContext context;

	SpringCliContext(String... properties) {
		this.properties = properties;
	}

	@Override
	public synchronized <T> T bean(Class<T> type) {
		if (this.context == null) {
			this.context = new SpringApplicationBuilder(AtelierApplication.class).web(WebApplicationType.NONE)
				.profiles("cli")
				.logStartupInfo(false)
				.lazyInitialization(true)
				.properties("atelier.cluster.listen=false", "atelier.demo=false", "atelier.jobs.enabled=false")
				.properties(this.properties)
				.run();
		}
		return this.context.getBean(type);
	}

	@Override
	public synchronized void close() {
		if (this.context != null) {
			this.context.close();
			this.context = null;
		}
	}

}

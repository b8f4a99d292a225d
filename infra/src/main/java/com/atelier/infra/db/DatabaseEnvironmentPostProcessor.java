package com.atelier.infra.db;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Chooses the database before anything connects: {@code spring.datasource.url} when set;
 * otherwise {@code ATELIER_DB_URL} (with {@code ATELIER_DB_USER} and
 * {@code ATELIER_DB_PASSWORD}); otherwise an embedded PostgreSQL whose data lives under
 * {@code ATELIER_DATA_DIR} (default {@code ./var}). After this, there is one code path.
 */
public class DatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source this adds. */
	public static final String SOURCE = "atelierDatabase";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
			return;
		}
		Map<String, Object> properties = new HashMap<>();
		String url = first(environment, "ATELIER_DB_URL", "atelier.db.url");
		if (StringUtils.hasText(url)) {
			properties.put("spring.datasource.url", url);
			putIfText(properties, "spring.datasource.username",
					first(environment, "ATELIER_DB_USER", "atelier.db.user"));
			putIfText(properties, "spring.datasource.password",
					first(environment, "ATELIER_DB_PASSWORD", "atelier.db.password"));
			properties.put("atelier.db.mode", "external");
		}
		else if (environment.getProperty("atelier.embedded-db.enabled", Boolean.class, true)) {
			String dir = first(environment, "ATELIER_DATA_DIR", "atelier.data-dir");
			EmbeddedPostgresServer.Handle server = EmbeddedPostgresServer
				.startOrAttach(Path.of(StringUtils.hasText(dir) ? dir : "var"));
			properties.put("spring.datasource.url", server.url());
			properties.put("spring.datasource.username", EmbeddedPostgresServer.USER);
			properties.put("spring.datasource.password", server.password());
			properties.put("atelier.db.mode", server.owned() ? "embedded" : "embedded-attached");
			properties.put("atelier.db.data-directory", server.dataDirectory().toAbsolutePath().toString());
			if (!StringUtils.hasText(first(environment, "atelier.master-key", "ATELIER_MASTER_KEY"))) {
				properties.put("atelier.master-key", MasterKeyFile
					.readOrCreate(Path.of(StringUtils.hasText(dir) ? dir : "var").resolve("master.key")));
			}
		}
		else {
			return;
		}
		environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, properties));
	}

	private static @Nullable String first(ConfigurableEnvironment environment, String... names) {
		for (String name : names) {
			String value = environment.getProperty(name);
			if (StringUtils.hasText(value)) {
				return value;
			}
		}
		return null;
	}

	private static void putIfText(Map<String, Object> properties, String key, @Nullable String value) {
		if (StringUtils.hasText(value)) {
			properties.put(key, value);
		}
	}

	@Override
	public int getOrder() {
		// After application.yaml and the command line are loaded.
		return Ordered.LOWEST_PRECEDENCE;
	}

}

package com.atelier.testing;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points an application context at the shared test server: the database named by
 * {@code atelier.test.database} (default {@code atelier}), created on first use.
 */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		TestDatabase.Coordinates db = TestDatabase
			.database(context.getEnvironment().getProperty("atelier.test.database", "atelier"));
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("atelierTestDatabase",
					Map.of("spring.datasource.url", db.url(), "spring.datasource.username", db.user(),
							"spring.datasource.password", db.password(), "atelier.master-key",
							TestDatabase.masterKey())));
	}

}

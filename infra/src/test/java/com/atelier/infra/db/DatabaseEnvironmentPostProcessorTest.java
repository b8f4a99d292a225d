package com.atelier.infra.db;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which database the application uses, by configuration.
 */
class DatabaseEnvironmentPostProcessorTest {

	private final DatabaseEnvironmentPostProcessor processor = new DatabaseEnvironmentPostProcessor();

	@Test
	void springs_own_datasource_url_wins_and_nothing_is_started() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("spring.datasource.url", "jdbc:postgresql://db/x")
			.withProperty("ATELIER_DB_URL", "jdbc:postgresql://other/y");
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db/x");
		assertThat(environment.getPropertySources().contains(DatabaseEnvironmentPostProcessor.SOURCE)).isFalse();
	}

	@Test
	void atelier_db_variables_name_an_external_server() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("ATELIER_DB_URL", "jdbc:postgresql://db:5432/atelier")
			.withProperty("ATELIER_DB_USER", "atelier")
			.withProperty("ATELIER_DB_PASSWORD", "secret");
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db:5432/atelier");
		assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("atelier");
		assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("secret");
		assertThat(environment.getProperty("atelier.db.mode")).isEqualTo("external");
	}

	@Test
	void nothing_is_configured_when_the_embedded_default_is_off() {
		MockEnvironment environment = new MockEnvironment().withProperty("atelier.embedded-db.enabled", "false");
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.datasource.url")).isNull();
	}

}

package com.atelier.infra.db;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The zero-configuration database keeps its data in the data directory across restarts, a
 * second process reuses the server already running there, and nobody connects without the
 * password generated in the data directory (also to a directory an older Atelier created
 * with {@code trust}).
 */
class EmbeddedPostgresServerIT {

	@TempDir
	Path dataDir;

	@AfterEach
	void stop() {
		EmbeddedPostgresServer.stop();
	}

	@Test
	void nobody_connects_without_the_generated_password_which_survives_a_restart_with_the_data() throws Exception {
		EmbeddedPostgresServer.Handle first = EmbeddedPostgresServer.startOrAttach(this.dataDir);
		assertThat(first.owned()).isTrue();
		assertThat(first.dataDirectory()).isEqualTo(this.dataDir.resolve("postgres"));
		assertRefusedWithoutThePassword(first.url());
		assertThat(Files.getPosixFilePermissions(this.dataDir.resolve("postgres.password")))
			.isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(Files.readString(this.dataDir.resolve("postgres/pg_hba.conf")))
			.doesNotContainPattern("(?m)^[^#]*\\btrust\\b");
		String password = password();
		assertThat(password).hasSizeGreaterThanOrEqualTo(40);
		try (Connection connection = DriverManager.getConnection(first.url(), "postgres", password);
				Statement statement = connection.createStatement()) {
			statement.execute("create table survivor (name text); insert into survivor values ('kept')");
		}
		EmbeddedPostgresServer.stop();

		EmbeddedPostgresServer.Handle second = EmbeddedPostgresServer.startOrAttach(this.dataDir);
		assertThat(password()).isEqualTo(password);
		try (Connection connection = DriverManager.getConnection(second.url(), "postgres", password);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select name from survivor")) {
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString(1)).isEqualTo("kept");
		}
		assertRefusedWithoutThePassword(second.url());
	}

	@Test
	void the_application_connects_with_the_password() throws Exception {
		MockEnvironment environment = new MockEnvironment().withProperty("atelier.data-dir", this.dataDir.toString());
		new DatabaseEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("spring.datasource.password")).isEqualTo(password());
		try (Connection connection = DriverManager.getConnection(environment.getProperty("spring.datasource.url"),
				environment.getProperty("spring.datasource.username"),
				environment.getProperty("spring.datasource.password"))) {
			assertThat(connection.isValid(5)).isTrue();
		}
	}

	@Test
	void a_trusting_data_directory_of_an_older_atelier_is_upgraded_on_its_first_start() throws Exception {
		// What an older Atelier left in ./var: a cluster that trusts every local user.
		try (EmbeddedPostgres older = EmbeddedPostgres.builder()
			.setDataDirectory(this.dataDir.resolve("postgres"))
			.setCleanDataDirectory(false)
			.setPGStartupWait(Duration.ofSeconds(60))
			.start();
				Connection connection = older.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create database atelier");
			statement.execute("create table kept (name text); insert into kept values ('order 1001')");
		}

		EmbeddedPostgresServer.Handle upgraded = EmbeddedPostgresServer.startOrAttach(this.dataDir);

		assertRefusedWithoutThePassword(upgraded.url());
		String postgres = upgraded.url().replace("/atelier", "/postgres");
		try (Connection connection = DriverManager.getConnection(postgres, "postgres", password());
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select name from kept")) {
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString(1)).isEqualTo("order 1001");
		}
		EmbeddedPostgresServer.stop();
		EmbeddedPostgresServer.Handle again = EmbeddedPostgresServer.startOrAttach(this.dataDir);
		assertRefusedWithoutThePassword(again.url());
		try (Connection connection = DriverManager.getConnection(again.url(), "postgres", password())) {
			assertThat(connection.isValid(5)).isTrue();
		}
	}

	@Test
	void a_server_already_running_on_the_directory_is_reused() throws Exception {
		try (EmbeddedPostgres other = EmbeddedPostgres.builder()
			.setDataDirectory(this.dataDir.resolve("postgres"))
			.setCleanDataDirectory(false)
			.setPGStartupWait(Duration.ofSeconds(60))
			.start()) {
			EmbeddedPostgresServer.Handle attached = EmbeddedPostgresServer.startOrAttach(this.dataDir);
			assertThat(attached.owned()).isFalse();
			assertThat(attached.url()).contains(":" + other.getPort() + "/atelier");
			try (Connection connection = DriverManager.getConnection(attached.url(), "postgres", password())) {
				assertThat(connection.isValid(5)).isTrue();
			}
		}
	}

	private String password() throws Exception {
		return Files.readString(this.dataDir.resolve("postgres.password"), StandardCharsets.US_ASCII).strip();
	}

	/** Over TCP: without a password, and with a wrong one. */
	private static void assertRefusedWithoutThePassword(String url) {
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> DriverManager.getConnection(url, "postgres", "").close());
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> DriverManager.getConnection(url, "postgres", "not-the-password").close())
			.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("28P01"));
	}

}

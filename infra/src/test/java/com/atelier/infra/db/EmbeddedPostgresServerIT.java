package com.atelier.infra.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The zero-configuration database keeps its data in the data directory across restarts,
 * and a second process reuses the server already running there.
 */
class EmbeddedPostgresServerIT {

	@TempDir
	Path dataDir;

	@AfterEach
	void stop() {
		EmbeddedPostgresServer.stop();
	}

	@Test
	void data_survives_a_restart() throws Exception {
		EmbeddedPostgresServer.Handle first = EmbeddedPostgresServer.startOrAttach(this.dataDir);
		assertThat(first.owned()).isTrue();
		assertThat(first.dataDirectory()).isEqualTo(this.dataDir.resolve("postgres"));
		try (Connection connection = DriverManager.getConnection(first.url(), "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("create table survivor (name text); insert into survivor values ('kept')");
		}
		EmbeddedPostgresServer.stop();

		EmbeddedPostgresServer.Handle second = EmbeddedPostgresServer.startOrAttach(this.dataDir);
		try (Connection connection = DriverManager.getConnection(second.url(), "postgres", "");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select name from survivor")) {
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString(1)).isEqualTo("kept");
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
			try (Connection connection = DriverManager.getConnection(attached.url(), "postgres", "")) {
				assertThat(connection.isValid(5)).isTrue();
			}
		}
	}

}

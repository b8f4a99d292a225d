package com.atelier.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real PostgreSQL every test in this JVM shares: a Testcontainers container where a
 * Docker engine answers, otherwise an embedded PostgreSQL server started from Maven
 * artifacts. Never H2. {@code ATELIER_TEST_DB=embedded|docker} forces one;
 * {@code ATELIER_TEST_DB_URL} (with {@code _USER}, {@code _PASSWORD}) uses an existing
 * server instead.
 * <p>
 * Each database is created once per JVM from a name; tests that share one provision
 * tenants with unique slugs so they never depend on each other.
 */
public final class TestDatabase {

	private static final String USER = "postgres";

	private static Server server;

	private static final String MASTER_KEY = java.util.Base64.getEncoder()
		.encodeToString(new java.security.SecureRandom().generateSeed(32));

	private TestDatabase() {
	}

	/**
	 * A master key for signing-key encryption, random per JVM
	 * ({@code atelier.master-key}).
	 */
	public static String masterKey() {
		return MASTER_KEY;
	}

	/** The shared database of this JVM, named {@code atelier}. */
	public static Coordinates atelier() {
		return database("atelier");
	}

	/**
	 * A database of the shared server, created empty on first use.
	 * @param name a lower-case name
	 * @return how to connect to it
	 */
	public static synchronized Coordinates database(String name) {
		Server started = server();
		if (!name.matches("^[a-z][a-z0-9_]*$")) {
			throw new IllegalArgumentException(name);
		}
		if (!started.created.contains(name)) {
			try (Connection connection = DriverManager.getConnection(started.url("postgres"), started.user,
					started.password); Statement statement = connection.createStatement()) {
				statement.execute("drop database if exists " + name + " with (force)");
				statement.execute("create database " + name);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Cannot create test database " + name, ex);
			}
			started.created.add(name);
		}
		return new Coordinates(started.url(name), started.user, started.password);
	}

	private static Server server() {
		if (server == null) {
			server = start();
		}
		return server;
	}

	private static Server start() {
		String url = System.getenv("ATELIER_TEST_DB_URL");
		if (url != null && !url.isBlank()) {
			return new Server(url.replaceAll("/[^/?]*(\\?.*)?$", "/%s$1"), env("ATELIER_TEST_DB_USER", USER),
					env("ATELIER_TEST_DB_PASSWORD", ""));
		}
		String mode = env("ATELIER_TEST_DB", "auto").toLowerCase(Locale.ROOT);
		if (mode.equals("docker") || (mode.equals("auto") && dockerAvailable())) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:18-alpine");
			container.start();
			String base = container.getJdbcUrl().replaceAll("/[^/?]*(\\?.*)?$", "/%s$1");
			return new Server(base, container.getUsername(), container.getPassword());
		}
		try {
			Path dir = Files.createTempDirectory("atelier-test-pg");
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(dir)
				.setCleanDataDirectory(true)
				.setPGStartupWait(Duration.ofSeconds(60))
				.setServerConfig("max_connections", "300")
				.setServerConfig("shared_buffers", "128MB")
				.setServerConfig("fsync", "off")
				.setServerConfig("synchronous_commit", "off")
				.setServerConfig("full_page_writes", "off")
				.start();
			return new Server("jdbc:postgresql://localhost:" + postgres.getPort() + "/%s", USER, "");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the embedded PostgreSQL for tests", ex);
		}
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (Throwable ex) {
			return false;
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

	/**
	 * @param url JDBC URL
	 * @param user user name
	 * @param password password, empty for trust authentication
	 */
	public record Coordinates(String url, String user, String password) {

		public Connection connect() throws SQLException {
			return DriverManager.getConnection(this.url, this.user, this.password);
		}

	}

	private static final class Server {

		private final String urlPattern;

		private final String user;

		private final String password;

		private final Set<String> created = new HashSet<>();

		Server(String urlPattern, String user, String password) {
			this.urlPattern = urlPattern;
			this.user = user;
			this.password = password;
		}

		String url(String database) {
			return this.urlPattern.replace("%s", database);
		}

	}

}

package com.atelier.infra.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;

/**
 * A real PostgreSQL server whose data lives in a directory of ours
 * ({@code ./var/postgres} by default), started from the binaries in the jar. When a
 * server started by another Atelier process already runs on that directory (the CLI while
 * {@code serve} runs), it is reused instead. A server this process started stops when the
 * JVM exits.
 * <p>
 * It trusts no one: every connection, over TCP or the local socket, must give the
 * superuser's password with SCRAM-SHA-256. The password is generated on first start and
 * kept in {@value #PASSWORD_FILE} next to the data, readable by its owner only (like
 * {@code master.key}). A data directory of an older Atelier, which trusted every local
 * user, is upgraded on its first start: the password is set and {@code pg_hba.conf}
 * rewritten.
 */
public final class EmbeddedPostgresServer {

	/** The database Atelier uses on the embedded server. */
	public static final String DATABASE = "atelier";

	/** The embedded server's superuser, the only role, reached on loopback only. */
	public static final String USER = "postgres";

	/** The file of the data directory that keeps the superuser's password. */
	public static final String PASSWORD_FILE = "postgres.password";

	/** Who may connect, and how: with the password, nobody else, however local. */
	static final String HBA = """
			# Written by Atelier: every connection must give the password kept in
			# postgres.password next to this directory (SCRAM-SHA-256). Nobody is trusted.
			# TYPE  DATABASE  USER  ADDRESS       METHOD
			local   all       all                 scram-sha-256
			host    all       all   127.0.0.1/32  scram-sha-256
			host    all       all   ::1/128       scram-sha-256
			""";

	private static @Nullable EmbeddedPostgres started;

	private EmbeddedPostgresServer() {
	}

	/**
	 * Starts the server on {@code dataDir/postgres}, or attaches to the one running
	 * there.
	 * @param dataDir Atelier's data directory
	 * @return how to reach the {@value #DATABASE} database
	 */
	public static synchronized Handle startOrAttach(Path dataDir) {
		try {
			Files.createDirectories(dataDir);
			Path pgData = dataDir.resolve("postgres");
			Path passwordFile = dataDir.resolve(PASSWORD_FILE);
			try (FileChannel channel = FileChannel.open(dataDir.resolve(".postgres.lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
				OptionalInt running = runningPort(pgData);
				if (running.isPresent()) {
					// Its owner upgrades it when it starts it; a server of an older
					// Atelier
					// still trusts, and ignores the password.
					String password = SecretFile.readOrCreate(passwordFile);
					ensureDatabase(running.getAsInt(), password);
					return new Handle(url(running.getAsInt()), false, pgData, password);
				}
				boolean fresh = !Files.exists(pgData.resolve("postgresql.conf"));
				if (!fresh && !Files.exists(passwordFile) && !trusts(pgData)) {
					throw new IllegalStateException("The embedded PostgreSQL in " + pgData.toAbsolutePath()
							+ " needs the password kept in " + passwordFile.toAbsolutePath()
							+ ", which is missing: restore it (or, to set a new one, replace scram-sha-256 with trust"
							+ " in its pg_hba.conf and start again)");
				}
				String password = SecretFile.readOrCreate(passwordFile);
				if (started == null) {
					ProcessBuilder.Redirect log = ProcessBuilder.Redirect
						.appendTo(dataDir.resolve("postgres.log").toFile());
					EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
					if (fresh) {
						// A new cluster never trusts anyone, not even while it starts.
						builder.setLocaleConfig("auth-local", "scram-sha-256")
							.setLocaleConfig("auth-host", "scram-sha-256")
							.setLocaleConfig("pwfile", passwordFile.toAbsolutePath().toString());
					}
					started = builder.setDataDirectory(pgData)
						.setCleanDataDirectory(false)
						.setPGStartupWait(Duration.ofSeconds(60))
						// The data is kept: keep PostgreSQL's durability settings on.
						.setServerConfig("fsync", "on")
						.setServerConfig("synchronous_commit", "on")
						.setServerConfig("full_page_writes", "on")
						.setServerConfig("max_connections", "200")
						.setServerConfig("listen_addresses", "127.0.0.1")
						// How the builder checks that the server is up.
						.setConnectConfig("password", password)
						.setOutputRedirector(log)
						.setErrorRedirector(log)
						.start();
					secure(started.getPort(), pgData, password);
				}
				ensureDatabase(started.getPort(), password);
				return new Handle(url(started.getPort()), true, pgData, password);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDir.toAbsolutePath()
					+ " (see " + dataDir.resolve("postgres.log") + ")", ex);
		}
	}

	/**
	 * Stops the server this process started, if any (tests; the JVM's exit does it
	 * otherwise).
	 */
	public static synchronized void stop() {
		if (started != null) {
			try {
				started.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			started = null;
		}
	}

	private static OptionalInt runningPort(Path pgData) throws IOException {
		Path pidFile = pgData.resolve("postmaster.pid");
		if (!Files.isReadable(pidFile)) {
			return OptionalInt.empty();
		}
		List<String> lines = Files.readAllLines(pidFile);
		if (lines.size() < 4) {
			return OptionalInt.empty();
		}
		try {
			long pid = Long.parseLong(lines.get(0).strip());
			int port = Integer.parseInt(lines.get(3).strip());
			boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
			return (alive && accepts(port)) ? OptionalInt.of(port) : OptionalInt.empty();
		}
		catch (NumberFormatException ex) {
			return OptionalInt.empty();
		}
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Whether {@code pg_hba.conf} lets anyone in without a password. */
	static boolean trusts(Path pgData) throws IOException {
		Path hba = pgData.resolve("pg_hba.conf");
		if (!Files.exists(hba)) {
			return false;
		}
		for (String line : Files.readAllLines(hba)) {
			String rule = line.replaceFirst("#.*", "").strip();
			if (!rule.isEmpty() && List.of(rule.split("\\s+")).contains("trust")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Upgrades a data directory of an older Atelier, whose server trusted every local
	 * user: sets the superuser's password and makes every connection give it.
	 */
	private static void secure(int port, Path pgData, String password) throws IOException {
		if (!trusts(pgData)) {
			return;
		}
		if (!password.matches("^[A-Za-z0-9+/=]+$")) {
			throw new IllegalStateException("The password in " + PASSWORD_FILE + " is not one Atelier generated");
		}
		try (Connection connection = DriverManager.getConnection(adminUrl(port), USER, password);
				Statement statement = connection.createStatement()) {
			statement.execute("set password_encryption = 'scram-sha-256'");
			// The password is base64 (checked above): nothing to escape.
			statement.execute("alter role " + USER + " password '" + password + "'");
			Path hba = pgData.resolve("pg_hba.conf");
			Path next = pgData.resolve("pg_hba.conf.atelier");
			Files.writeString(next, HBA);
			Files.move(next, hba, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			statement.execute("select pg_reload_conf()");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot set the embedded database's password: " + ex.getMessage(), ex);
		}
	}

	private static String adminUrl(int port) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
	}

	private static void ensureDatabase(int port, String password) {
		try (Connection connection = DriverManager.getConnection(adminUrl(port), USER, password);
				Statement statement = connection.createStatement()) {
			try (ResultSet exists = statement
				.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
				if (exists.next()) {
					return;
				}
			}
			statement.execute("create database " + DATABASE);
		}
		catch (SQLException ex) {
			if (!"42P04".equals(ex.getSQLState())) {
				throw new IllegalStateException("Cannot create the " + DATABASE + " database: " + ex.getMessage(), ex);
			}
		}
	}

	private static String url(int port) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
	}

	/**
	 * @param url JDBC URL of the {@value #DATABASE} database
	 * @param owned whether this process started the server (and stops it on exit)
	 * @param dataDirectory the server's data directory
	 * @param password the password of {@value #USER}
	 */
	public record Handle(String url, boolean owned, Path dataDirectory, String password) {

		@Override
		public String toString() {
			return "Handle[url=" + this.url + ", owned=" + this.owned + ", dataDirectory=" + this.dataDirectory + "]";
		}

	}

}

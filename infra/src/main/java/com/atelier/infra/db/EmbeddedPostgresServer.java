package com.atelier.infra.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
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
 */
public final class EmbeddedPostgresServer {

	/** The database Atelier uses on the embedded server. */
	public static final String DATABASE = "atelier";

	/** The embedded server's superuser, with trust authentication on loopback only. */
	public static final String USER = "postgres";

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
			try (FileChannel channel = FileChannel.open(dataDir.resolve(".postgres.lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
				OptionalInt running = runningPort(pgData);
				if (running.isPresent()) {
					ensureDatabase(running.getAsInt());
					return new Handle(url(running.getAsInt()), false, pgData);
				}
				if (started == null) {
					ProcessBuilder.Redirect log = ProcessBuilder.Redirect
						.appendTo(dataDir.resolve("postgres.log").toFile());
					started = EmbeddedPostgres.builder()
						.setDataDirectory(pgData)
						.setCleanDataDirectory(false)
						.setPGStartupWait(Duration.ofSeconds(60))
						// The data is kept: keep PostgreSQL's durability settings on.
						.setServerConfig("fsync", "on")
						.setServerConfig("synchronous_commit", "on")
						.setServerConfig("full_page_writes", "on")
						.setServerConfig("max_connections", "200")
						.setServerConfig("listen_addresses", "127.0.0.1")
						.setOutputRedirector(log)
						.setErrorRedirector(log)
						.start();
				}
				ensureDatabase(started.getPort());
				return new Handle(url(started.getPort()), true, pgData);
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

	private static void ensureDatabase(int port) {
		String admin = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
		try (Connection connection = DriverManager.getConnection(admin, USER, "");
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
	 */
	public record Handle(String url, boolean owned, Path dataDirectory) {
	}

}

package com.atelier.platform.cluster.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.atelier.platform.cluster.ClusterSignals;

/**
 * LISTEN on one dedicated connection (not from the pool, so it never carries a tenant's
 * search path and never starves the pool), on a daemon thread. When the connection
 * breaks, the thread reconnects with backoff, listens again, and tells every subscriber.
 */
public final class PgClusterSignals implements ClusterSignals, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PgClusterSignals.class);

	private static final Pattern CHANNEL = Pattern.compile("^[a-z_]{1,63}$");

	private final String url;

	private final Properties credentials;

	private final boolean listen;

	private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();

	private volatile @Nullable Thread thread;

	private volatile @Nullable Connection connection;

	private volatile boolean running;

	private volatile boolean listening;

	public PgClusterSignals(String url, @Nullable String user, @Nullable String password, boolean listen) {
		this.url = url;
		this.credentials = new Properties();
		if (user != null) {
			this.credentials.setProperty("user", user);
		}
		if (password != null) {
			this.credentials.setProperty("password", password);
		}
		this.credentials.setProperty("ApplicationName", "atelier-signals");
		this.listen = listen;
	}

	private final Object publisherLock = new Object();

	private @Nullable Connection publisher;

	/**
	 * Sends on one connection kept open for publishing (opening a connection per signal
	 * costs PostgreSQL a backend start each time); a broken one is replaced once.
	 */
	@Override
	public void publish(String channel, String payload) {
		checkChannel(channel);
		synchronized (this.publisherLock) {
			try {
				notify(channel, payload);
			}
			catch (SQLException first) {
				closePublisher();
				try {
					notify(channel, payload);
				}
				catch (SQLException ex) {
					closePublisher();
					throw new IllegalStateException("Cannot publish to " + channel, ex);
				}
			}
		}
	}

	private void notify(String channel, String payload) throws SQLException {
		if (this.publisher == null || this.publisher.isClosed()) {
			this.publisher = DriverManager.getConnection(this.url, this.credentials);
		}
		try (PreparedStatement statement = this.publisher.prepareStatement("select pg_notify(?, ?)")) {
			statement.setString(1, channel);
			statement.setString(2, payload);
			statement.execute();
		}
	}

	private void closePublisher() {
		if (this.publisher != null) {
			try {
				this.publisher.close();
			}
			catch (SQLException ex) {
				// already broken
			}
			this.publisher = null;
		}
	}

	@Override
	public void publishAfterCommit(String channel, String payload) {
		checkChannel(channel);
		Runnable send = () -> {
			try {
				publish(channel, payload);
			}
			catch (RuntimeException ex) {
				log.warn("Could not publish to {}: {}", channel, ex.getMessage());
			}
		};
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					send.run();
				}

			});
		}
		else {
			send.run();
		}
	}

	@Override
	public void subscribe(String channel, Subscriber subscriber) {
		checkChannel(channel);
		this.subscribers.computeIfAbsent(channel, (c) -> new CopyOnWriteArrayList<>()).add(subscriber);
		// A channel added while running is picked up by a reconnect.
		Connection current = this.connection;
		if (current != null) {
			closeQuietly(current);
		}
	}

	/** Whether the listening connection is up (for health checks and tests). */
	public boolean isListening() {
		return this.listening;
	}

	/** Breaks the listening connection, as a network failure would (for tests). */
	public void dropConnection() {
		Connection current = this.connection;
		if (current != null) {
			closeQuietly(current);
		}
	}

	@Override
	public void start() {
		if (!this.listen || this.running) {
			return;
		}
		this.running = true;
		Thread worker = new Thread(this::loop, "atelier-signals");
		worker.setDaemon(true);
		this.thread = worker;
		worker.start();
	}

	@Override
	public void stop() {
		this.running = false;
		Thread worker = this.thread;
		dropConnection();
		synchronized (this.publisherLock) {
			closePublisher();
		}
		if (worker != null) {
			worker.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void loop() {
		Duration backoff = Duration.ofMillis(200);
		boolean reconnecting = false;
		// One warning when the connection is lost and one line when it is back, however
		// long the database stays away (ADR 31); the attempts between are debug.
		boolean lost = false;
		while (this.running) {
			try (Connection listener = DriverManager.getConnection(this.url, this.credentials)) {
				this.connection = listener;
				try (Statement statement = listener.createStatement()) {
					for (String channel : this.subscribers.keySet()) {
						statement.execute("listen " + channel);
					}
				}
				this.listening = true;
				if (reconnecting) {
					log.info("Cluster signals reconnected; subscribers clear what they cached");
					this.subscribers.values().forEach((list) -> list.forEach(this::reconnected));
				}
				backoff = Duration.ofMillis(200);
				lost = false;
				PGConnection pg = listener.unwrap(PGConnection.class);
				while (this.running) {
					PGNotification[] notifications = pg.getNotifications(500);
					if (notifications == null) {
						continue;
					}
					for (PGNotification notification : notifications) {
						deliver(notification.getName(), notification.getParameter());
					}
				}
			}
			catch (SQLException ex) {
				if (this.running && !lost) {
					log.warn("Cluster signals connection lost ({}); reconnecting with backoff", ex.getMessage());
					lost = true;
				}
				else if (this.running) {
					log.debug("Cluster signals cannot reconnect yet ({}); next attempt in {} ms", ex.getMessage(),
							backoff.toMillis());
				}
			}
			finally {
				this.listening = false;
				this.connection = null;
			}
			reconnecting = true;
			try {
				Thread.sleep(backoff.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5)
					: backoff.multipliedBy(2);
		}
	}

	private void deliver(String channel, String payload) {
		for (Subscriber subscriber : this.subscribers.getOrDefault(channel, List.of())) {
			try {
				subscriber.onMessage(payload);
			}
			catch (RuntimeException ex) {
				log.error("Subscriber of {} failed on '{}'", channel, payload, ex);
			}
		}
	}

	private void reconnected(Subscriber subscriber) {
		try {
			subscriber.onReconnect();
		}
		catch (RuntimeException ex) {
			log.error("Subscriber failed on reconnect", ex);
		}
	}

	private static void checkChannel(String channel) {
		if (!CHANNEL.matcher(channel).matches()) {
			throw new IllegalArgumentException("channel must match " + CHANNEL + ": " + channel);
		}
	}

	private static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			// closing a broken connection
		}
	}

}

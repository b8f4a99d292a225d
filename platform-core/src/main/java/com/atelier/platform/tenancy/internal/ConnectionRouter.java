package com.atelier.platform.tenancy.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;

import com.atelier.platform.tenancy.TenantSchema;

/**
 * The one place where a pooled connection is pointed at a schema. Every borrower
 * (Hibernate, jOOQ, JDBC, platform code) gets its connection here, so a connection never
 * carries one tenant's {@code search_path} into another's work.
 * <p>
 * The router remembers, per physical connection, the search path it last set. A borrower
 * whose target matches skips the round trip; any other borrower pays one
 * {@code set_config} before it sees the connection. The setting is committed at once, so
 * no later rollback can undo it, and a borrower's own change to the path inside a
 * transaction that rolls back is undone by PostgreSQL: a rollback leaves the remembered
 * path true, and the next borrower is spared the round trip. Borrowers cannot call
 * {@link Connection#setSchema}: it would change the path behind the router's back.
 * <p>
 * The search path is the target schema followed by {@code public}, so extensions
 * installed in {@code public} keep resolving (pgJDBC's {@code setSchema} would drop it).
 * No table lives in {@code public}.
 * <p>
 * One tenant holds at most {@code maxPerTenant} connections at a time, so the rest of the
 * pool stays free for the others: a borrower over its tenant's share waits like a
 * borrower of an exhausted pool, and gets the same
 * {@link SQLTransientConnectionException} when the wait runs out. Platform borrowers are
 * not counted.
 */
public final class ConnectionRouter {

	/** The platform schema: tenant directory and platform-wide tables. */
	public static final String PLATFORM_SCHEMA = "platform";

	private static final String PLATFORM_PATH = PLATFORM_SCHEMA + ", public";

	private final DataSource pool;

	private final Cache<PGConnection, String> searchPaths = Caffeine.newBuilder().weakKeys().build();

	private final LongAdder switches = new LongAdder();

	private final int maxPerTenant;

	private final Duration shareWait;

	private final ConcurrentMap<String, Semaphore> shares = new ConcurrentHashMap<>();

	/** A router whose tenants may take the whole pool (tools and tests). */
	public ConnectionRouter(DataSource pool) {
		this(pool, Integer.MAX_VALUE, Duration.ZERO);
	}

	/**
	 * @param pool the pool
	 * @param maxPerTenant connections one tenant may hold at once
	 * @param shareWait how long a borrower over its tenant's share waits for one
	 */
	public ConnectionRouter(DataSource pool, int maxPerTenant, Duration shareWait) {
		if (maxPerTenant < 1) {
			throw new IllegalArgumentException("maxPerTenant must be at least 1");
		}
		this.pool = pool;
		this.maxPerTenant = maxPerTenant;
		this.shareWait = shareWait;
	}

	/**
	 * Borrows a connection pointed at a tenant's schema.
	 * @param schema the tenant's schema
	 * @return a connection; closing it returns it to the pool
	 * @throws SQLException when no connection is available
	 */
	public Connection borrow(TenantSchema schema) throws SQLException {
		if (this.maxPerTenant == Integer.MAX_VALUE) {
			return borrow(schema.quoted() + ", public", null);
		}
		Semaphore share = this.shares.computeIfAbsent(schema.name(), (name) -> new Semaphore(this.maxPerTenant));
		boolean acquired;
		try {
			acquired = share.tryAcquire(this.shareWait.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SQLTransientConnectionException("Interrupted while waiting for a connection", ex);
		}
		if (!acquired) {
			throw new SQLTransientConnectionException("The tenant " + schema.name() + " holds its share of "
					+ this.maxPerTenant + " connections; no connection became free within " + this.shareWait);
		}
		try {
			return borrow(schema.quoted() + ", public", share);
		}
		catch (SQLException | RuntimeException ex) {
			share.release();
			throw ex;
		}
	}

	/** Connections the tenant holds now (tests). */
	public int held(TenantSchema schema) {
		Semaphore share = this.shares.get(schema.name());
		return (share != null) ? this.maxPerTenant - share.availablePermits() : 0;
	}

	/**
	 * Borrows a connection pointed at the platform schema.
	 * @return a connection; closing it returns it to the pool
	 * @throws SQLException when no connection is available
	 */
	public Connection borrowPlatform() throws SQLException {
		return borrow(PLATFORM_PATH, null);
	}

	/**
	 * Borrows a connection wherever it points, for statements that name every table with
	 * its schema: it costs no search-path switch, and leaves the connection as it was.
	 * @return a connection; closing it returns it to the pool
	 * @throws SQLException when no connection is available
	 */
	public Connection borrowForQualifiedSql() throws SQLException {
		Connection connection = this.pool.getConnection();
		try {
			return routed(connection, connection.unwrap(PGConnection.class), null);
		}
		catch (SQLException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	/** How many times a borrow had to change a connection's search path. */
	public long switches() {
		return this.switches.sum();
	}

	/**
	 * Forgets what a connection points at, after code that may have changed its session
	 * state (Liquibase) used it.
	 * @param connection a connection this router handed out
	 * @throws SQLException when it cannot be unwrapped
	 */
	public void forget(Connection connection) throws SQLException {
		this.searchPaths.invalidate(connection.unwrap(PGConnection.class));
	}

	private Connection borrow(String searchPath, @Nullable Semaphore share) throws SQLException {
		Connection connection = this.pool.getConnection();
		try {
			PGConnection physical = connection.unwrap(PGConnection.class);
			if (!searchPath.equals(this.searchPaths.getIfPresent(physical))) {
				point(connection, searchPath);
				this.searchPaths.put(physical, searchPath);
			}
			return routed(connection, physical, share);
		}
		catch (SQLException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	private void point(Connection connection, String searchPath) throws SQLException {
		this.searchPaths.invalidate(connection.unwrap(PGConnection.class));
		try (PreparedStatement statement = connection
			.prepareStatement("select pg_catalog.set_config('search_path', ?, false)")) {
			statement.setString(1, searchPath);
			statement.execute();
		}
		if (!connection.getAutoCommit()) {
			// Commit the session setting so that no later rollback can revert it.
			connection.commit();
		}
		this.switches.increment();
	}

	private Connection routed(Connection connection, PGConnection physical, @Nullable Semaphore share) {
		return (Connection) Proxy.newProxyInstance(ConnectionRouter.class.getClassLoader(),
				new Class<?>[] { Connection.class }, new Routed(connection, physical, share));
	}

	private final class Routed implements InvocationHandler {

		private final Connection target;

		private final PGConnection physical;

		private final @Nullable Semaphore share;

		private final AtomicBoolean released = new AtomicBoolean();

		Routed(Connection target, PGConnection physical, @Nullable Semaphore share) {
			this.target = target;
			this.physical = physical;
			this.share = share;
		}

		@Override
		public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
			switch (method.getName()) {
				case "setSchema" -> throw new SQLFeatureNotSupportedException(
						"The schema of an Atelier connection is routed by the tenant context; setSchema is refused");
				case "equals" -> {
					return proxy == args[0];
				}
				case "hashCode" -> {
					return System.identityHashCode(proxy);
				}
				case "toString" -> {
					return "Routed[" + this.target + "]";
				}
				case "close" -> {
					if (this.share != null && this.released.compareAndSet(false, true)) {
						try {
							return method.invoke(this.target, args);
						}
						catch (InvocationTargetException ex) {
							throw ex.getTargetException();
						}
						finally {
							this.share.release();
						}
					}
				}
				default -> {
				}
			}
			try {
				return method.invoke(this.target, args);
			}
			catch (InvocationTargetException ex) {
				if (method.getName().equals("rollback")) {
					// The connection's state is unknown: point it again next time.
					ConnectionRouter.this.searchPaths.invalidate(this.physical);
					if (this.target.isClosed()) {
						// The pool closed it as broken (the database went away, ADR 31):
						// PostgreSQL ended its transaction with the session, so nothing
						// is
						// left to roll back, and failing here would hide why the work
						// failed behind "Unable to rollback".
						return null;
					}
				}
				throw ex.getTargetException();
			}
		}

	}

}

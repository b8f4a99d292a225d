package com.atelier.platform.tenancy.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
 */
public final class ConnectionRouter {

	/** The platform schema: tenant directory and platform-wide tables. */
	public static final String PLATFORM_SCHEMA = "platform";

	private static final String PLATFORM_PATH = PLATFORM_SCHEMA + ", public";

	private final DataSource pool;

	private final Cache<PGConnection, String> searchPaths = Caffeine.newBuilder().weakKeys().build();

	private final LongAdder switches = new LongAdder();

	public ConnectionRouter(DataSource pool) {
		this.pool = pool;
	}

	/**
	 * Borrows a connection pointed at a tenant's schema.
	 * @param schema the tenant's schema
	 * @return a connection; closing it returns it to the pool
	 * @throws SQLException when no connection is available
	 */
	public Connection borrow(TenantSchema schema) throws SQLException {
		return borrow(schema.quoted() + ", public");
	}

	/**
	 * Borrows a connection pointed at the platform schema.
	 * @return a connection; closing it returns it to the pool
	 * @throws SQLException when no connection is available
	 */
	public Connection borrowPlatform() throws SQLException {
		return borrow(PLATFORM_PATH);
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

	private Connection borrow(String searchPath) throws SQLException {
		Connection connection = this.pool.getConnection();
		try {
			PGConnection physical = connection.unwrap(PGConnection.class);
			if (!searchPath.equals(this.searchPaths.getIfPresent(physical))) {
				point(connection, searchPath);
				this.searchPaths.put(physical, searchPath);
			}
			return routed(connection, physical);
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

	private Connection routed(Connection connection, PGConnection physical) {
		return (Connection) Proxy.newProxyInstance(ConnectionRouter.class.getClassLoader(),
				new Class<?>[] { Connection.class }, new Routed(connection, physical));
	}

	private final class Routed implements InvocationHandler {

		private final Connection target;

		private final PGConnection physical;

		Routed(Connection target, PGConnection physical) {
			this.target = target;
			this.physical = physical;
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

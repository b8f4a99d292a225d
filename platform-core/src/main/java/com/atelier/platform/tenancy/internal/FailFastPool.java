package com.atelier.platform.tenancy.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import org.springframework.jdbc.datasource.AbstractDataSource;

import com.atelier.platform.outage.DatabaseOutages;

/**
 * The pool, failing fast while the database is known to be unreachable (ADR 31). A borrow
 * waits at most the pool's connection timeout (2 s by default); once one has failed for
 * want of a database and while the pool holds no connection at all, the borrows of the
 * next {@link #QUIET} fail at once instead of each holding a request thread for the whole
 * wait. After that, the next borrow waits and tries again, and Hikari keeps reconnecting
 * in the background meanwhile, so service resumes by itself. A busy pool (connections
 * exist, all in use) is never refused here.
 */
final class FailFastPool extends AbstractDataSource {

	/** How long after a failed borrow others fail at once. */
	static final Duration QUIET = Duration.ofSeconds(1);

	private final HikariDataSource pool;

	private volatile long failedAt;

	FailFastPool(HikariDataSource pool) {
		this.pool = pool;
	}

	@Override
	public Connection getConnection() throws SQLException {
		long failed = this.failedAt;
		if (failed != 0 && System.nanoTime() - failed < QUIET.toNanos() && connections() == 0) {
			throw new SQLTransientConnectionException(this.pool.getPoolName() + " - the database was unreachable "
					+ (System.nanoTime() - failed) / 1_000_000 + " ms ago and the pool has no connection; not waiting",
					"08001");
		}
		try {
			Connection connection = this.pool.getConnection();
			this.failedAt = 0;
			return connection;
		}
		catch (SQLException ex) {
			if (DatabaseOutages.isOutage(ex)) {
				long now = System.nanoTime();
				this.failedAt = (now == 0) ? 1 : now;
			}
			throw ex;
		}
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		throw new SQLException("Atelier connections come from one pool; per-user connections are not supported");
	}

	private int connections() {
		HikariPoolMXBean bean = this.pool.getHikariPoolMXBean();
		return (bean != null) ? bean.getTotalConnections() : -1;
	}

}

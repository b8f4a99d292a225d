package com.atelier.platform.tenancy.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Function;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import org.springframework.jdbc.datasource.AbstractDataSource;

import com.atelier.platform.tenancy.PlatformDsl;

/**
 * jOOQ for the {@code platform} schema, on connections the router points there. It has
 * its own transactions ({@link #transaction}), independent of any tenant transaction the
 * calling thread may have open.
 */
public final class PlatformDatabase implements PlatformDsl {

	private final DSLContext dsl;

	private final DataSource platformConnections;

	private final DataSource qualifiedConnections;

	PlatformDatabase(ConnectionRouter router) {
		this.qualifiedConnections = new AbstractDataSource() {

			@Override
			public Connection getConnection() throws SQLException {
				return router.borrowForQualifiedSql();
			}

			@Override
			public Connection getConnection(String username, String password) throws SQLException {
				throw new SQLException("not supported");
			}

		};
		this.platformConnections = new AbstractDataSource() {

			@Override
			public Connection getConnection() throws SQLException {
				return router.borrowPlatform();
			}

			@Override
			public Connection getConnection(String username, String password) throws SQLException {
				throw new SQLException("not supported");
			}

		};
		this.dsl = DSL.using(new DefaultConfiguration().set(SQLDialect.POSTGRES)
			.set(new DataSourceConnectionProvider(this.platformConnections))
			.set(new Settings().withRenderSchema(true)));
	}

	@Override
	public DSLContext dsl() {
		return this.dsl;
	}

	@Override
	public DataSource dataSource() {
		return this.platformConnections;
	}

	@Override
	public DataSource qualifiedDataSource() {
		return this.qualifiedConnections;
	}

	@Override
	public <T> T transaction(Function<DSLContext, T> work) {
		return this.dsl.transactionResult((configuration) -> work.apply(configuration.dsl()));
	}

	/**
	 * Sends a notification to every node when the surrounding transaction commits.
	 * @param tx the transaction's context
	 * @param channel the channel
	 * @param payload the payload
	 */
	public static void notify(DSLContext tx, String channel, String payload) {
		tx.select(DSL.function("pg_notify", String.class, DSL.val(channel), DSL.val(payload))).fetch();
	}

	/** The name of the constraint a failed statement violated, if it says. */
	static Optional<String> violatedConstraint(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PSQLException psql) {
				ServerErrorMessage message = psql.getServerErrorMessage();
				return Optional.ofNullable((message != null) ? message.getConstraint() : null);
			}
		}
		return Optional.empty();
	}

	/** The SQLSTATE of a failed statement, if it says. */
	static Optional<String> sqlState(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				return Optional.of(sql.getSQLState());
			}
		}
		return Optional.empty();
	}

}

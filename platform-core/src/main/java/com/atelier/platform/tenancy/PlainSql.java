package com.atelier.platform.tenancy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * Runs a fixed SQL string with {@code ?} binds on the connection a tenant's jOOQ context
 * uses (so it joins the current Spring transaction), without jOOQ's templating: for the
 * few statements on hot paths (cart read, order write, reservation, outbox) where
 * scanning and rendering the SQL on every execution cost more CPU than PostgreSQL spent
 * running it. Table names in such SQL are qualified with {@link TenantSchema#quoted()} of
 * the current tenant, never with anything a request supplied. Errors are translated like
 * jOOQ's (a deadlock victim is a
 * {@link org.springframework.dao.PessimisticLockingFailureException}, a violated
 * constraint a {@link org.springframework.dao.DataIntegrityViolationException}).
 */
public final class PlainSql {

	private static final SQLExceptionTranslator TRANSLATOR = new SQLErrorCodeSQLExceptionTranslator("PostgreSQL");

	private PlainSql() {
	}

	/**
	 * @param dsl the tenant's context (for its connection)
	 * @param sql the statement
	 * @param rows maps each row
	 * @param binds values for the {@code ?} in order; null binds SQL NULL
	 * @return the mapped rows
	 */
	public static <T> List<T> query(DSLContext dsl, String sql, RowMapper<T> rows, @Nullable Object... binds) {
		return dsl.connectionResult((connection) -> run(connection, sql, binds, (statement) -> {
			List<T> result = new ArrayList<>();
			try (ResultSet resultSet = statement.executeQuery()) {
				while (resultSet.next()) {
					result.add(rows.map(resultSet));
				}
			}
			return result;
		}));
	}

	/**
	 * Runs the query and a COMMIT in one round trip, ending the current transaction:
	 * PostgreSQL commits right after the statement, without waiting for this JVM to read
	 * the answer and send the commit, so the rows the statement locked are held for less
	 * time (ADR 24). An error in the statement stops the COMMIT; the transaction is then
	 * rolled back as usual. pgJDBC sees the transaction ended, so the transaction
	 * manager's commit that follows has nothing to send. Only for the last statement of a
	 * transaction: anything run on the connection after it would start a new one.
	 * @param dsl the tenant's context (for its connection)
	 * @param sql the statement, without a trailing semicolon
	 * @param rows maps each row of the statement's result
	 * @param binds values for the {@code ?} in order
	 * @return the mapped rows
	 */
	public static <T> List<T> queryAndCommit(DSLContext dsl, String sql, RowMapper<T> rows, @Nullable Object... binds) {
		return dsl.connectionResult((connection) -> run(connection, sql + ";\ncommit", binds, (statement) -> {
			List<T> result = new ArrayList<>();
			statement.execute();
			try (ResultSet resultSet = statement.getResultSet()) {
				while (resultSet.next()) {
					result.add(rows.map(resultSet));
				}
			}
			return result;
		}));
	}

	/**
	 * @param dsl the tenant's context (for its connection)
	 * @param sql the statement
	 * @param binds values for the {@code ?} in order
	 * @return the update count
	 */
	public static int update(DSLContext dsl, String sql, @Nullable Object... binds) {
		return dsl.connectionResult((connection) -> run(connection, sql, binds, PreparedStatement::executeUpdate));
	}

	private static <T> T run(Connection connection, String sql, @Nullable Object[] binds, Work<T> work) {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < binds.length; i++) {
				statement.setObject(i + 1, binds[i]);
			}
			return work.run(statement);
		}
		catch (SQLException ex) {
			RuntimeException translated = TRANSLATOR.translate("plain SQL", sql, ex);
			throw (translated != null) ? translated
					: new org.springframework.jdbc.UncategorizedSQLException("plain SQL", sql, ex);
		}
	}

	/**
	 * One row of a plain SQL result, by column label; timestamps as
	 * {@link java.time.OffsetDateTime}, arrays as Java arrays.
	 */
	public static final class Row {

		private final java.util.Map<String, @Nullable Object> values = new java.util.HashMap<>();

		public static Row of(ResultSet rs) throws SQLException {
			Row row = new Row();
			java.sql.ResultSetMetaData meta = rs.getMetaData();
			for (int i = 1; i <= meta.getColumnCount(); i++) {
				String type = meta.getColumnTypeName(i);
				Object value;
				if ("timestamptz".equals(type)) {
					value = rs.getObject(i, java.time.OffsetDateTime.class);
				}
				else {
					value = rs.getObject(i);
					if (value instanceof java.sql.Array array) {
						value = array.getArray();
					}
				}
				row.values.put(meta.getColumnLabel(i), value);
			}
			return row;
		}

		public <T> @Nullable T get(String column, Class<T> type) {
			return type.cast(this.values.get(column));
		}

	}

	/**
	 * Maps one row.
	 *
	 * @param <T> the row's type
	 */
	@FunctionalInterface
	public interface RowMapper<T> {

		T map(ResultSet row) throws SQLException;

	}

	private interface Work<T> {

		T run(PreparedStatement statement) throws SQLException;

	}

}

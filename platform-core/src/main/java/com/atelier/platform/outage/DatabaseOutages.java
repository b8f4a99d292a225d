package com.atelier.platform.outage;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import org.hibernate.exception.JDBCConnectionException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Tells a failure caused by an unavailable database from any other, however Spring, jOOQ,
 * Hibernate, Spring Security or the servlet container wrapped it (ADR 31): the pool gave
 * up waiting for a connection (Hikari's {@link SQLTransientConnectionException}), no
 * connection could be made or one broke (SQLSTATE class {@code 08}), the server is
 * shutting down, restarting or starting up ({@code 57P01} to {@code 57P03}), or it has no
 * connection slot left ({@code 53300}).
 * <p>
 * Spring's {@link DataAccessResourceFailureException} counts too, unless a SQLSTATE of
 * another kind explains it (Spring also uses it for, say, a program limit exceeded).
 */
public final class DatabaseOutages {

	/** SQLSTATEs outside class 08 that mean the server cannot serve now. */
	private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

	/** Causes followed at most (a chain that loops stops here). */
	private static final int MAX_DEPTH = 32;

	private DatabaseOutages() {
	}

	/**
	 * Whether the failure, or any of its causes, means that the database is unavailable.
	 * @param failure what was thrown
	 * @return whether it is an outage rather than a bug or bad input
	 */
	public static boolean isOutage(@Nullable Throwable failure) {
		boolean resourceFailure = false;
		boolean otherState = false;
		int depth = 0;
		for (Throwable cause = failure; cause != null && depth < MAX_DEPTH; cause = cause.getCause(), depth++) {
			if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
					|| cause instanceof CannotGetJdbcConnectionException || cause instanceof JDBCConnectionException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				if (isUnavailableState(sql.getSQLState())) {
					return true;
				}
				otherState = true;
			}
			resourceFailure |= cause instanceof DataAccessResourceFailureException;
		}
		return resourceFailure && !otherState;
	}

	/**
	 * Whether a SQLSTATE says that the server cannot be reached or cannot serve now.
	 * @param sqlState a SQLSTATE
	 * @return whether it is one of an outage
	 */
	public static boolean isUnavailableState(String sqlState) {
		return sqlState.startsWith("08") || UNAVAILABLE_STATES.contains(sqlState);
	}

	/**
	 * One line for the log: the deepest cause's type and message (no stack trace).
	 * @param failure what was thrown
	 * @return for example {@code ConnectException: Connection refused}
	 */
	public static String summary(Throwable failure) {
		Throwable deepest = failure;
		int depth = 0;
		while (deepest.getCause() != null && deepest.getCause() != deepest && depth++ < MAX_DEPTH) {
			deepest = deepest.getCause();
		}
		String message = String.valueOf(deepest.getMessage());
		if (message.length() > 200) {
			message = message.substring(0, 200) + "...";
		}
		return deepest.getClass().getSimpleName() + ": " + message;
	}

}

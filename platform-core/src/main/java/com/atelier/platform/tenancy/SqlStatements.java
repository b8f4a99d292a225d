package com.atelier.platform.tenancy;

/**
 * Counts the SQL statements jOOQ executes on the current thread, so that a request can
 * tell how many it cost (and tests can check that the count does not grow with page
 * size).
 */
public final class SqlStatements {

	private static final ThreadLocal<int[]> COUNT = ThreadLocal.withInitial(() -> new int[1]);

	private SqlStatements() {
	}

	/** Starts counting from zero on this thread. */
	public static void reset() {
		COUNT.get()[0] = 0;
	}

	/** Statements executed on this thread since the last {@link #reset()}. */
	public static int count() {
		return COUNT.get()[0];
	}

	/** Called by the execute listener for each statement. */
	public static void executed() {
		COUNT.get()[0]++;
	}

}

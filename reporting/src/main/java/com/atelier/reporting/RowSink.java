package com.atelier.reporting;

import java.io.IOException;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Where a report's rows go, one at a time (JSON or CSV on the response stream), so that a
 * large result is never held in memory.
 */
public interface RowSink {

	/**
	 * Called once the query has produced its first answer, before any row.
	 * @param columns the report's columns
	 */
	void start(List<Column> columns) throws IOException;

	/**
	 * @param values one value per column, already formatted ({@code null} for SQL null)
	 */
	void row(List<@Nullable String> values) throws IOException;

	/**
	 * @param truncated whether rows were left out at the row cap
	 */
	void end(boolean truncated) throws IOException;

}

package com.atelier.reporting;

import java.util.List;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;

/**
 * A report ready to run: its columns and the typed query that produces its rows. The
 * query is built inside the report's read-only transaction, so that whatever it reads to
 * build itself (which days are summarized) and its rows come from one snapshot.
 */
public interface Report {

	/** The report's name, as in its URL ({@code sales-summary}). */
	String name();

	List<Column> columns();

	/**
	 * @param dsl the current tenant's jOOQ context, inside the report's transaction
	 * @return the query; every column of {@link #columns()} is a field of its records
	 */
	ResultQuery<? extends Record> query(DSLContext dsl);

}

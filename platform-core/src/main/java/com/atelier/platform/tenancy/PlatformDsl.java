package com.atelier.platform.tenancy;

import java.util.function.Function;

import javax.sql.DataSource;

import org.jooq.DSLContext;

/**
 * jOOQ for the {@code platform} schema (directory, operators, sessions): connections the
 * router points at {@code platform}, with transactions of their own, independent of any
 * tenant transaction of the calling thread.
 */
public interface PlatformDsl {

	DSLContext dsl();

	/** Runs work in one platform transaction, committed when it returns. */
	<T> T transaction(Function<DSLContext, T> work);

	/**
	 * Connections pointed at the platform schema, for libraries that need a
	 * {@code DataSource} (Spring Session). Not a bean: the application's
	 * {@code DataSource} stays the tenant-routed one.
	 */
	DataSource dataSource();

	/**
	 * Connections for a library whose SQL names every table with its schema
	 * ({@code platform.rate_limit_buckets}): they point wherever they happen to, so
	 * borrowing one costs no search-path switch.
	 */
	DataSource qualifiedDataSource();

}

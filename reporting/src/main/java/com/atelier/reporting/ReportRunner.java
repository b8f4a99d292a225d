package com.atelier.reporting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.atelier.platform.money.CurrencyCode;
import com.atelier.platform.money.Money;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantDsl;

/**
 * Runs a report for the current tenant: in a read-only, repeatable-read transaction (one
 * snapshot for everything the report reads), under the tenant's statement timeout, with
 * rows fetched in batches through a cursor and handed to a {@link RowSink} one at a time,
 * stopping at the row cap.
 */
@Component
public class ReportRunner {

	/** PostgreSQL's SQLSTATE for a statement cancelled by {@code statement_timeout}. */
	private static final String QUERY_CANCELED = "57014";

	private final TenantDsl tenants;

	private final ReportSettings settings;

	private final TransactionTemplate readOnly;

	private final int maxRows;

	ReportRunner(TenantDsl tenants, ReportSettings settings, PlatformTransactionManager transactions,
			@Value("${atelier.reports.max-rows:100000}") int maxRows) {
		this.tenants = tenants;
		this.settings = settings;
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
		this.readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		this.maxRows = maxRows;
	}

	/** The most rows a report returns; the rest are left out and the answer says so. */
	public int maxRows() {
		return this.maxRows;
	}

	/**
	 * Runs the report and writes its rows.
	 * @param report the report
	 * @param sink where rows go
	 * @throws ReportProblems.TimedOut when the statement timeout cancelled it
	 * @throws UncheckedIOException when the sink failed (the client went away)
	 */
	public void run(Report report, RowSink sink) {
		run(report, sink, null);
	}

	/**
	 * Runs the report under a given statement timeout instead of the tenant's.
	 * @param report the report
	 * @param sink where rows go
	 * @param timeout the statement timeout, or {@code null} for the tenant's
	 */
	public void run(Report report, RowSink sink, @Nullable Duration timeout) {
		TenantContext.require();
		long[] applied = new long[1];
		try {
			this.readOnly.executeWithoutResult((status) -> {
				DSLContext dsl = this.tenants.dsl();
				applied[0] = (timeout != null) ? Math.max(1, timeout.toMillis()) : this.settings.statementTimeoutMs();
				// A whole number from our own table, never request input.
				dsl.execute("set local statement_timeout = " + applied[0]);
				// A client that stops reading leaves the transaction idle between
				// fetches: end it.
				dsl.execute("set local idle_in_transaction_session_timeout = " + Math.max(60_000, applied[0]));
				stream(report, dsl, sink);
			});
		}
		catch (RuntimeException ex) {
			// jOOQ's own exception, or Spring's translation of it
			// (QueryTimeoutException).
			if (isTimeout(ex)) {
				throw new ReportProblems.TimedOut(report.name(), applied[0], ex);
			}
			throw ex;
		}
	}

	private void stream(Report report, DSLContext dsl, RowSink sink) {
		try (Cursor<? extends Record> cursor = report.query(dsl).fetchSize(1000).fetchLazy()) {
			write(report.columns(), cursor.iterator(), sink, this.maxRows);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Hands rows to the sink one at a time, at most {@code maxRows} of them.
	 * @return how many rows were written
	 */
	static int write(List<Column> columns, Iterator<? extends Record> rows, RowSink sink, int maxRows)
			throws IOException {
		sink.start(columns);
		int written = 0;
		boolean truncated = false;
		while (rows.hasNext()) {
			if (written == maxRows) {
				truncated = true;
				break;
			}
			sink.row(values(columns, rows.next()));
			written++;
		}
		sink.end(truncated);
		return written;
	}

	static List<@Nullable String> values(List<Column> columns, Record record) {
		List<@Nullable String> values = new ArrayList<>(columns.size());
		for (Column column : columns) {
			values.add(format(column, record));
		}
		return values;
	}

	private static @Nullable String format(Column column, Record record) {
		Object value = record.get(column.name());
		if (value == null) {
			return null;
		}
		return switch (column.type()) {
			case TEXT -> value.toString();
			case INTEGER -> Long.toString(((Number) value).longValue());
			case DATE -> ((LocalDate) value).toString();
			case DECIMAL -> ((BigDecimal) value).stripTrailingZeros().toPlainString();
			case MONEY -> {
				String currency = record.get(column.currencyColumn(), String.class);
				yield Money.ofMinor(((Number) value).longValue(), new CurrencyCode(currency.strip())).amount();
			}
		};
	}

	private static boolean isTimeout(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

}

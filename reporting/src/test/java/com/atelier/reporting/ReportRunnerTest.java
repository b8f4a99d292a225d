package com.atelier.reporting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How rows are written: values formatted per column type (money in its row's currency),
 * and the row cap.
 */
class ReportRunnerTest {

	static final DSLContext JOOQ = DSL.using(SQLDialect.POSTGRES);

	static final Field<LocalDate> DAY = DSL.field("day", LocalDate.class);

	static final Field<String> CURRENCY = DSL.field("currency", String.class);

	static final Field<BigDecimal> AMOUNT = DSL.field("amount", BigDecimal.class);

	static final Field<Long> UNITS = DSL.field("units", Long.class);

	static final Field<BigDecimal> RATE = DSL.field("rate", BigDecimal.class);

	static final List<Column> COLUMNS = List.of(Column.date("day"), Column.text("currency"),
			Column.money("amount", "currency"), Column.integer("units"), Column.decimal("rate"));

	@Test
	void money_is_written_in_the_minor_unit_of_its_rows_currency() throws Exception {
		Collecting sink = new Collecting();
		int written = ReportRunner.write(
				COLUMNS, List
					.of(row("EUR", "123450", 3, "0.2500"), row("JPY", "15000", 1, "1"), row("BHD", "-1250", 0, "0"),
							row("EUR", null, 0, null))
					.iterator(),
				sink, 10);
		assertThat(written).isEqualTo(4);
		assertThat(sink.rows).containsExactly("2026-03-01|EUR|1234.50|3|0.25", "2026-03-01|JPY|15000|1|1",
				"2026-03-01|BHD|-1.250|0|0", "2026-03-01|EUR|null|0|null");
		assertThat(sink.truncated).isFalse();
	}

	@Test
	void rows_stop_at_the_cap_and_the_answer_says_so() throws Exception {
		List<Record> rows = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			rows.add(row("EUR", "100", i, "1"));
		}
		Collecting capped = new Collecting();
		assertThat(ReportRunner.write(COLUMNS, rows.iterator(), capped, 3)).isEqualTo(3);
		assertThat(capped.truncated).isTrue();
		assertThat(capped.rows).hasSize(3);
		Collecting exact = new Collecting();
		assertThat(ReportRunner.write(COLUMNS, rows.iterator(), exact, 5)).isEqualTo(5);
		assertThat(exact.truncated).as("exactly the cap is not truncated").isFalse();
	}

	private static Record row(String currency, @Nullable String amount, long units, @Nullable String rate) {
		Record record = JOOQ.newRecord(DAY, CURRENCY, AMOUNT, UNITS, RATE);
		record.set(DAY, LocalDate.parse("2026-03-01"));
		record.set(CURRENCY, currency);
		record.set(AMOUNT, (amount != null) ? new BigDecimal(amount) : null);
		record.set(UNITS, units);
		record.set(RATE, (rate != null) ? new BigDecimal(rate) : null);
		return record;
	}

	static final class Collecting implements RowSink {

		final List<String> rows = new ArrayList<>();

		boolean truncated;

		@Override
		public void start(List<Column> columns) {
		}

		@Override
		public void row(List<@Nullable String> values) {
			this.rows.add(String.join("|", values.stream().map(String::valueOf).toList()));
		}

		@Override
		public void end(boolean truncated) {
			this.truncated = truncated;
		}

	}

}

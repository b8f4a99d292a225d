package com.atelier.reporting.reports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

import com.atelier.platform.catalog.CatalogProblems;
import com.atelier.platform.money.CurrencyCode;
import com.atelier.reporting.ReportRange;
import com.atelier.platform.problem.Problems;

import static com.atelier.platform.jooq.tenant_template.Tables.MARKETS;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.trueCondition;

/**
 * Small pieces of SQL the reports share.
 */
final class Sql {

	private Sql() {
	}

	/** A column of a derived table. */
	static <T> Field<T> col(String table, String name, Class<T> type) {
		return DSL.field(DSL.name(table, name), type);
	}

	/** A numeric column of a derived table (sums come back as numeric). */
	static Field<BigDecimal> num(String table, String name) {
		return DSL.field(DSL.name(table, name), SQLDataType.NUMERIC);
	}

	/**
	 * The first day of the period holding {@code day}: itself, its ISO week's Monday, or
	 * the first of its month. The period is one of three fixed words, inlined.
	 */
	static Field<LocalDate> period(Field<LocalDate> day, String period) {
		return DSL.field("cast(date_trunc({0}, cast({1} as timestamp)) as date)", SQLDataType.LOCALDATE, inline(period),
				day);
	}

	/**
	 * {@code a / b} rounded half up to a whole number (minor units); null when b is 0.
	 */
	static Field<BigDecimal> divideRounded(Field<BigDecimal> a, Field<BigDecimal> b) {
		return DSL.round(a.div(DSL.nullif(b, BigDecimal.ZERO)));
	}

	/** {@code a / b} as a ratio with four decimals; null when b is 0. */
	static Field<BigDecimal> ratio(Field<? extends Number> a, Field<? extends Number> b) {
		return DSL.round(a.cast(SQLDataType.NUMERIC).div(DSL.nullif(b.cast(SQLDataType.NUMERIC), BigDecimal.ZERO)), 4);
	}

	/**
	 * The id of the market with a handle, checked inside the report's transaction.
	 * @throws CatalogProblems.Invalid when there is none
	 */
	static @Nullable UUID market(DSLContext dsl, @Nullable String handle) {
		if (handle == null) {
			return null;
		}
		return dsl.select(MARKETS.ID)
			.from(MARKETS)
			.where(MARKETS.HANDLE.eq(handle))
			.fetchOptional(MARKETS.ID)
			.orElseThrow(() -> CatalogProblems.Invalid.of("market", "there is no market " + Problems.quote(handle)));
	}

	/** Instants within the range's days. */
	static Condition within(Field<OffsetDateTime> at, ReportRange range) {
		return at.ge(range.start()).and(at.lt(range.end()));
	}

	static Condition eqIfSet(Field<UUID> field, @Nullable UUID value) {
		return (value != null) ? field.eq(value) : trueCondition();
	}

	static Condition currencyIs(Field<String> field, @Nullable CurrencyCode currency) {
		return (currency != null) ? field.eq(currency.code()) : trueCondition();
	}

}

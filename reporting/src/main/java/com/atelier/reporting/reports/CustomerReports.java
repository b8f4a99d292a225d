package com.atelier.reporting.reports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

import com.atelier.platform.jooq.tenant_template.tables.Orders;
import com.atelier.platform.money.CurrencyCode;
import com.atelier.reporting.Column;
import com.atelier.reporting.Report;
import com.atelier.reporting.ReportRange;

import static com.atelier.platform.jooq.tenant_template.Tables.ORDERS;
import static com.atelier.reporting.reports.Sql.col;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.countDistinct;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.rowNumber;
import static org.jooq.impl.DSL.sum;

/**
 * Reports on customers, known by email (guests included, case ignored); a customer's
 * first order is their first paid order ever, whatever the range.
 */
final class CustomerReports {

	private CustomerReports() {
	}

	/** First paid order per customer: {@code firsts(email, first_at)}. */
	private static Table<?> firsts(DSLContext dsl) {
		Orders a = ORDERS.as("a");
		return dsl.select(lower(a.EMAIL).as("email"), min(a.PLACED_AT).as("first_at"))
			.from(a)
			.where(SalesFacts.sale(a))
			.groupBy(lower(a.EMAIL))
			.asTable("firsts");
	}

	/**
	 * New versus returning customers per period: a customer is new in the period of their
	 * first order and returning in later ones.
	 */
	static final class NewVersusReturning implements Report {

		static final List<Column> COLUMNS = List.of(Column.date("period"), Column.integer("newCustomers"),
				Column.integer("returningCustomers"), Column.integer("ordersFromNew"),
				Column.integer("ordersFromReturning"));

		private final ReportRange range;

		private final String period;

		NewVersusReturning(ReportRange range, String period) {
			this.range = range;
			this.period = period;
		}

		@Override
		public String name() {
			return "customers";
		}

		@Override
		public List<Column> columns() {
			return COLUMNS;
		}

		@Override
		public ResultQuery<? extends Record> query(DSLContext dsl) {
			Orders o = ORDERS.as("o");
			Table<?> firsts = firsts(dsl);
			Field<LocalDate> period = Sql.period(SalesFacts.localDay(o.PLACED_AT, this.range.zone()), this.period);
			Field<LocalDate> firstPeriod = Sql.period(
					SalesFacts.localDay(col("firsts", "first_at", OffsetDateTime.class), this.range.zone()),
					this.period);
			Field<String> email = col("firsts", "email", String.class);
			var isNew = firstPeriod.eq(period);
			return dsl
				.select(period.as("period"), countDistinct(email).filterWhere(isNew).as("newCustomers"),
						countDistinct(email).filterWhere(isNew.not()).as("returningCustomers"),
						count().filterWhere(isNew).as("ordersFromNew"),
						count().filterWhere(isNew.not()).as("ordersFromReturning"))
				.from(o)
				.join(firsts)
				.on(email.eq(lower(o.EMAIL)))
				.where(Sql.within(o.PLACED_AT, this.range), SalesFacts.sale(o))
				.groupBy(period)
				.orderBy(period);
		}

	}

	/**
	 * Cohorts by month of first order: for each cohort and each month of the range, how
	 * many of its customers ordered and how many orders they placed.
	 */
	static final class Cohorts implements Report {

		static final List<Column> COLUMNS = List.of(Column.date("cohort"), Column.date("month"),
				Column.integer("monthsSinceFirstOrder"), Column.integer("customers"), Column.integer("orders"));

		private final ReportRange range;

		Cohorts(ReportRange range) {
			this.range = range;
		}

		@Override
		public String name() {
			return "customer-cohorts";
		}

		@Override
		public List<Column> columns() {
			return COLUMNS;
		}

		@Override
		public ResultQuery<? extends Record> query(DSLContext dsl) {
			Orders o = ORDERS.as("o");
			Table<?> firsts = firsts(dsl);
			Field<LocalDate> month = Sql.period(SalesFacts.localDay(o.PLACED_AT, this.range.zone()), "month");
			Field<LocalDate> cohort = Sql.period(
					SalesFacts.localDay(col("firsts", "first_at", OffsetDateTime.class), this.range.zone()), "month");
			Field<String> email = col("firsts", "email", String.class);
			Field<Integer> since = field("(extract(year from age({0}, {1})) * 12 + extract(month from age({0}, {1})))",
					Integer.class, month, cohort);
			return dsl
				.select(cohort.as("cohort"), month.as("month"), since.as("monthsSinceFirstOrder"),
						countDistinct(email).as("customers"), count().as("orders"))
				.from(o)
				.join(firsts)
				.on(email.eq(lower(o.EMAIL)))
				.where(Sql.within(o.PLACED_AT, this.range), SalesFacts.sale(o))
				.groupBy(cohort, month)
				.orderBy(cohort, month);
		}

	}

	/**
	 * The customers who spent most in the range, per currency: order totals less refunds
	 * of their paid orders placed in the range.
	 */
	static final class TopCustomers implements Report {

		static final List<Column> COLUMNS = List.of(Column.integer("rank"), Column.text("email"),
				Column.text("currency"), Column.integer("orders"), Column.money("netSpent", "currency"),
				Column.date("firstOrder"), Column.date("lastOrder"));

		private final ReportRange range;

		private final int limit;

		private final @Nullable CurrencyCode currency;

		TopCustomers(ReportRange range, int limit, @Nullable CurrencyCode currency) {
			this.range = range;
			this.limit = limit;
			this.currency = currency;
		}

		@Override
		public String name() {
			return "top-customers";
		}

		@Override
		public List<Column> columns() {
			return COLUMNS;
		}

		@Override
		public ResultQuery<? extends Record> query(DSLContext dsl) {
			Orders o = ORDERS.as("o");
			Field<String> email = lower(o.EMAIL);
			Field<BigDecimal> spent = sum(o.TOTAL_MINOR.minus(o.REFUNDED_MINOR));
			Table<?> ranked = dsl
				.select(email.as("email"), o.CURRENCY.as("currency"), count().as("orders"), spent.as("netSpent"),
						min(SalesFacts.localDay(o.PLACED_AT, this.range.zone())).as("firstOrder"),
						max(SalesFacts.localDay(o.PLACED_AT, this.range.zone())).as("lastOrder"),
						rowNumber().over().partitionBy(o.CURRENCY).orderBy(spent.desc(), email).as("rank"))
				.from(o)
				.where(Sql.within(o.PLACED_AT, this.range), SalesFacts.sale(o),
						Sql.currencyIs(o.CURRENCY, this.currency))
				.groupBy(email, o.CURRENCY)
				.asTable("t");
			Field<Long> rank = field(DSL.name("t", "rank"), Long.class);
			return dsl.select(ranked.fields())
				.from(ranked)
				.where(rank.le(inline((long) this.limit)))
				.orderBy(field(DSL.name("t", "currency")), rank);
		}

	}

}

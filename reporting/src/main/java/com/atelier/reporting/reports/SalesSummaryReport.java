package com.atelier.reporting.reports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jspecify.annotations.Nullable;

import com.atelier.platform.jooq.tenant_template.tables.Markets;
import com.atelier.platform.money.CurrencyCode;
import com.atelier.reporting.Column;
import com.atelier.reporting.Report;
import com.atelier.reporting.ReportRange;

import static com.atelier.platform.jooq.tenant_template.Tables.MARKETS;
import static com.atelier.platform.jooq.tenant_template.Tables.ORDERS;
import static com.atelier.platform.jooq.tenant_template.Tables.REFUNDS;
import static com.atelier.reporting.reports.Sql.col;
import static com.atelier.reporting.reports.Sql.num;
import static org.jooq.impl.DSL.sum;

/**
 * Sales by day, week or month, per market and currency (amounts in different currencies
 * are never added together): gross (line subtotals as charged), discounts, refunds (on
 * the day they were made), net (gross − discounts − refunds), shipping, tax, total (order
 * totals − refunds), orders, units and average order value ((gross − discounts) / orders,
 * half up).
 */
final class SalesSummaryReport implements Report {

	static final List<Column> COLUMNS = List.of(Column.date("period"), Column.text("market"), Column.text("currency"),
			Column.integer("orders"), Column.integer("units"), Column.money("gross", "currency"),
			Column.money("discounts", "currency"), Column.money("refunds", "currency"), Column.money("net", "currency"),
			Column.money("shipping", "currency"), Column.money("tax", "currency"), Column.money("total", "currency"),
			Column.money("averageOrderValue", "currency"));

	private final ReportRange range;

	private final String period;

	private final @Nullable String market;

	private final @Nullable CurrencyCode currency;

	SalesSummaryReport(ReportRange range, String period, @Nullable String market, @Nullable CurrencyCode currency) {
		this.range = range;
		this.period = period;
		this.market = market;
		this.currency = currency;
	}

	@Override
	public String name() {
		return "sales-summary";
	}

	@Override
	public List<Column> columns() {
		return COLUMNS;
	}

	@Override
	public ResultQuery<? extends Record> query(DSLContext dsl) {
		UUID marketId = Sql.market(dsl, this.market);
		Set<LocalDate> fresh = SalesFacts.freshDays(dsl, this.range);
		var placed = ORDERS.as("o").PLACED_AT;
		var refunded = REFUNDS.as("r").CREATED_AT;
		Table<Record> facts = SalesFacts.summarySales(dsl, fresh)
			.unionAll(SalesFacts.liveSales(dsl, this.range.zone(), SalesFacts.liveDays(placed, this.range, fresh),
					SalesFacts.liveDays(refunded, this.range, fresh)))
			.asTable("f");
		Field<LocalDate> period = Sql.period(col("f", "day", LocalDate.class), this.period);
		Markets m = MARKETS.as("m");
		Field<BigDecimal> gross = sum(num("f", "gross_minor"));
		Field<BigDecimal> discounts = sum(num("f", "discount_minor"));
		Field<BigDecimal> refunds = sum(num("f", "refund_minor"));
		Field<BigDecimal> orders = sum(num("f", "orders"));
		Field<String> currency = col("f", "currency", String.class);
		Field<UUID> marketOf = col("f", "market_id", UUID.class);
		List<Field<?>> fields = new ArrayList<>();
		fields.add(period.as("period"));
		fields.add(m.HANDLE.as("market"));
		fields.add(currency.as("currency"));
		fields.add(orders.as("orders"));
		fields.add(sum(num("f", "units")).as("units"));
		fields.add(gross.as("gross"));
		fields.add(discounts.as("discounts"));
		fields.add(refunds.as("refunds"));
		fields.add(gross.minus(discounts).minus(refunds).as("net"));
		fields.add(sum(num("f", "shipping_minor")).as("shipping"));
		fields.add(sum(num("f", "tax_minor")).as("tax"));
		fields.add(sum(num("f", "total_minor")).minus(refunds).as("total"));
		fields.add(Sql.divideRounded(gross.minus(discounts), orders).as("averageOrderValue"));
		return dsl.select(fields)
			.from(facts)
			.leftJoin(m)
			.on(m.ID.eq(marketOf))
			.where(Sql.eqIfSet(marketOf, marketId), Sql.currencyIs(currency, this.currency))
			.groupBy(period, marketOf, m.HANDLE, currency)
			.orderBy(period, m.HANDLE, currency);
	}

}

package com.atelier.reporting.reports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Table;

import com.atelier.reporting.Column;
import com.atelier.reporting.Report;
import com.atelier.reporting.ReportRange;

import static com.atelier.platform.jooq.tenant_template.Tables.ORDERS;
import static com.atelier.platform.jooq.tenant_template.Tables.REFUNDS;
import static com.atelier.reporting.reports.Sql.col;
import static com.atelier.reporting.reports.Sql.num;
import static org.jooq.impl.DSL.sum;

/**
 * One tenant's totals per currency over a range, for the operators' roll-up: GMV (order
 * totals of paid orders), orders, refunds and refunded amount. The same facts as the
 * sales summary, so the two always agree.
 */
public final class TenantTotals implements Report {

	public static final List<Column> COLUMNS = List.of(Column.text("currency"), Column.integer("orders"),
			Column.money("gmv", "currency"), Column.integer("refunds"), Column.money("refunded", "currency"));

	private final ReportRange range;

	public TenantTotals(ReportRange range) {
		this.range = range;
	}

	@Override
	public String name() {
		return "tenant-totals";
	}

	@Override
	public List<Column> columns() {
		return COLUMNS;
	}

	@Override
	public ResultQuery<? extends Record> query(DSLContext dsl) {
		Set<LocalDate> fresh = SalesFacts.freshDays(dsl, this.range);
		var placed = ORDERS.as("o").PLACED_AT;
		var refunded = REFUNDS.as("r").CREATED_AT;
		Table<Record> facts = SalesFacts.summarySales(dsl, fresh)
			.unionAll(SalesFacts.liveSales(dsl, this.range.zone(), SalesFacts.liveDays(placed, this.range, fresh),
					SalesFacts.liveDays(refunded, this.range, fresh)))
			.asTable("f");
		Field<String> currency = col("f", "currency", String.class);
		Field<BigDecimal> orders = sum(num("f", "orders"));
		return dsl
			.select(currency.as("currency"), orders.as("orders"), sum(num("f", "total_minor")).as("gmv"),
					sum(num("f", "refunds")).as("refunds"), sum(num("f", "refund_minor")).as("refunded"))
			.from(facts)
			.groupBy(currency)
			.orderBy(currency);
	}

}

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
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

import com.atelier.platform.money.CurrencyCode;
import com.atelier.reporting.Column;
import com.atelier.reporting.Report;
import com.atelier.reporting.ReportRange;

import static com.atelier.platform.jooq.tenant_template.Tables.ORDERS;
import static com.atelier.reporting.reports.Sql.col;
import static com.atelier.reporting.reports.Sql.num;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.rowNumber;
import static org.jooq.impl.DSL.sum;

/**
 * The best-selling products (or variants) per currency, ranked by net revenue (line
 * subtotals without tax) or by units. Refunds are made on orders, not lines, so they are
 * not taken off a product's revenue.
 */
final class TopProductsReport implements Report {

	private final ReportRange range;

	private final boolean byVariant;

	private final boolean byUnits;

	private final int limit;

	private final @Nullable String market;

	private final @Nullable CurrencyCode currency;

	TopProductsReport(ReportRange range, boolean byVariant, boolean byUnits, int limit, @Nullable String market,
			@Nullable CurrencyCode currency) {
		this.range = range;
		this.byVariant = byVariant;
		this.byUnits = byUnits;
		this.limit = limit;
		this.market = market;
		this.currency = currency;
	}

	@Override
	public String name() {
		return "top-products";
	}

	@Override
	public List<Column> columns() {
		List<Column> columns = new ArrayList<>(List.of(Column.integer("rank"), Column.text("currency"),
				Column.text("productId"), Column.text("title")));
		if (this.byVariant) {
			columns.addAll(List.of(Column.text("variantId"), Column.text("sku"), Column.text("variantTitle")));
		}
		columns.addAll(List.of(Column.integer("units"), Column.money("revenue", "currency")));
		return columns;
	}

	@Override
	public ResultQuery<? extends Record> query(DSLContext dsl) {
		UUID marketId = Sql.market(dsl, this.market);
		Set<LocalDate> fresh = SalesFacts.freshDays(dsl, this.range);
		var placed = ORDERS.as("o").PLACED_AT;
		Table<Record> facts = SalesFacts.summaryVariants(dsl, fresh)
			.unionAll(
					SalesFacts.liveVariantLines(dsl, this.range.zone(), SalesFacts.liveDays(placed, this.range, fresh)))
			.asTable("f");
		Field<String> currency = col("f", "currency", String.class);
		Field<UUID> product = col("f", "product_id", UUID.class);
		Field<UUID> variant = col("f", "variant_id", UUID.class);
		Field<BigDecimal> units = sum(num("f", "units"));
		Field<BigDecimal> revenue = sum(num("f", "revenue_minor"));
		List<Field<?>> group = new ArrayList<>(List.of(currency, product));
		List<Field<?>> fields = new ArrayList<>(List.of(currency.as("currency"), product.as("productId"),
				max(col("f", "title", String.class)).as("title")));
		if (this.byVariant) {
			group.add(variant);
			fields.add(variant.as("variantId"));
			fields.add(max(col("f", "sku", String.class)).as("sku"));
			fields.add(max(col("f", "variant_title", String.class)).as("variantTitle"));
		}
		fields.add(units.as("units"));
		fields.add(revenue.as("revenue"));
		Field<BigDecimal> first = this.byUnits ? units : revenue;
		Field<BigDecimal> second = this.byUnits ? revenue : units;
		Field<?> tieBreak = this.byVariant ? variant : product;
		fields.add(rowNumber().over()
			.partitionBy(currency)
			.orderBy(first.desc(), second.desc(), tieBreak.cast(String.class))
			.as("rank"));
		Table<Record> ranked = dsl.select(fields)
			.from(facts)
			.where(Sql.eqIfSet(col("f", "market_id", UUID.class), marketId), Sql.currencyIs(currency, this.currency))
			.groupBy(group)
			.asTable("t");
		Field<Long> rank = field(DSL.name("t", "rank"), Long.class);
		return dsl.select(ranked.fields())
			.from(ranked)
			.where(rank.le((long) this.limit))
			.orderBy(field(DSL.name("t", "currency")), rank);
	}

}

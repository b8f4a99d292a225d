package com.atelier.reporting.reports;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jspecify.annotations.Nullable;

import com.atelier.platform.jooq.tenant_template.tables.Carts;
import com.atelier.platform.jooq.tenant_template.tables.Markets;
import com.atelier.platform.jooq.tenant_template.tables.Orders;
import com.atelier.platform.orders.CancelReasons;
import com.atelier.reporting.Column;
import com.atelier.reporting.Report;
import com.atelier.reporting.ReportRange;

import static com.atelier.platform.jooq.tenant_template.Tables.CARTS;
import static com.atelier.platform.jooq.tenant_template.Tables.CART_LINES;
import static com.atelier.platform.jooq.tenant_template.Tables.MARKETS;
import static com.atelier.platform.jooq.tenant_template.Tables.ORDERS;
import static com.atelier.reporting.reports.Sql.col;
import static com.atelier.reporting.reports.Sql.num;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.sum;

/**
 * The checkout funnel per market over a range: carts created, checkouts started (each
 * placed an inventory reservation), paid orders, reservations that expired unpaid,
 * payments that failed, orders still awaiting payment, and abandoned carts (still open,
 * with lines, never checked out); with checkout and conversion rates against carts.
 */
final class FunnelReport implements Report {

	static final List<Column> COLUMNS = List.of(Column.text("market"), Column.integer("carts"),
			Column.integer("checkoutsStarted"), Column.integer("paidOrders"), Column.integer("expiredReservations"),
			Column.integer("failedPayments"), Column.integer("awaitingPayment"), Column.integer("abandonedCarts"),
			Column.decimal("checkoutRate"), Column.decimal("conversionRate"));

	private final ReportRange range;

	private final @Nullable String market;

	FunnelReport(ReportRange range, @Nullable String market) {
		this.range = range;
		this.market = market;
	}

	@Override
	public String name() {
		return "funnel";
	}

	@Override
	public List<Column> columns() {
		return COLUMNS;
	}

	@Override
	public ResultQuery<? extends Record> query(DSLContext dsl) {
		UUID marketId = Sql.market(dsl, this.market);
		Carts c = CARTS.as("c");
		Orders o = ORDERS.as("o");
		Field<Long> zero = inline(0L);
		Field<Long> one = inline(1L);
		var cartFacts = dsl
			.select(c.MARKET_ID.as("market_id"), one.as("carts"), zero.as("checkouts"), zero.as("paid"),
					zero.as("expired"), zero.as("failed"), zero.as("waiting"),
					org.jooq.impl.DSL
						.when(c.STATUS.eq("OPEN")
							.and(exists(selectOne().from(CART_LINES).where(CART_LINES.CART_ID.eq(c.ID)))), one)
						.otherwise(zero)
						.as("abandoned"))
			.from(c)
			.where(Sql.within(c.CREATED_AT, this.range), c.STATUS.ne("MERGED"), Sql.eqIfSet(c.MARKET_ID, marketId));
		var orderFacts = dsl
			.select(o.MARKET_ID.as("market_id"), zero.as("carts"), one.as("checkouts"),
					org.jooq.impl.DSL.when(SalesFacts.sale(o), one).otherwise(zero).as("paid"),
					org.jooq.impl.DSL.when(o.CANCEL_REASON.eq(CancelReasons.RESERVATION_EXPIRED), one)
						.otherwise(zero)
						.as("expired"),
					org.jooq.impl.DSL.when(o.CANCEL_REASON.startsWith(CancelReasons.PAYMENT_PREFIX), one)
						.otherwise(zero)
						.as("failed"),
					org.jooq.impl.DSL.when(o.STATUS.eq("PLACED"), one).otherwise(zero).as("waiting"),
					zero.as("abandoned"))
			.from(o)
			.where(Sql.within(o.PLACED_AT, this.range), Sql.eqIfSet(o.MARKET_ID, marketId));
		Table<?> facts = cartFacts.unionAll(orderFacts).asTable("f");
		Markets m = MARKETS.as("m");
		Field<UUID> marketOf = col("f", "market_id", UUID.class);
		Field<BigDecimal> carts = sum(num("f", "carts"));
		Field<BigDecimal> checkouts = sum(num("f", "checkouts"));
		Field<BigDecimal> paid = sum(num("f", "paid"));
		return dsl
			.select(m.HANDLE.as("market"), carts.as("carts"), checkouts.as("checkoutsStarted"), paid.as("paidOrders"),
					sum(num("f", "expired")).as("expiredReservations"), sum(num("f", "failed")).as("failedPayments"),
					sum(num("f", "waiting")).as("awaitingPayment"), sum(num("f", "abandoned")).as("abandonedCarts"),
					Sql.ratio(checkouts, carts).as("checkoutRate"), Sql.ratio(paid, carts).as("conversionRate"))
			.from(facts)
			.leftJoin(m)
			.on(m.ID.eq(marketOf))
			.groupBy(marketOf, m.HANDLE)
			.orderBy(m.HANDLE);
	}

}

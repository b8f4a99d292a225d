package com.atelier.reporting.reports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import com.atelier.platform.jooq.tenant_template.tables.OrderLines;
import com.atelier.platform.jooq.tenant_template.tables.Orders;
import com.atelier.platform.jooq.tenant_template.tables.Refunds;
import com.atelier.reporting.ReportRange;

import static com.atelier.platform.jooq.tenant_template.Tables.BRAND_SETTINGS;
import static com.atelier.platform.jooq.tenant_template.Tables.ORDERS;
import static com.atelier.platform.jooq.tenant_template.Tables.ORDER_LINES;
import static com.atelier.platform.jooq.tenant_template.Tables.REFUNDS;
import static com.atelier.platform.jooq.tenant_template.Tables.REPORT_DAYS;
import static com.atelier.platform.jooq.tenant_template.Tables.REPORT_SALES_DAILY;
import static com.atelier.platform.jooq.tenant_template.Tables.REPORT_VARIANT_DAILY;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.falseCondition;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.when;

/**
 * The facts behind the sales reports, per local day: computed live from orders, lines and
 * refunds, or read from the daily summaries of days that are fresh (ADR 22). Both come
 * from the same expressions here, so a summarized day and a live one always agree.
 * <p>
 * An order is a sale once it is paid: every status but {@code PLACED} (awaiting payment)
 * counts, except a cancelled order that never captured money. Refunds count on the day
 * they were made, in the market and currency of their order.
 */
final class SalesFacts {

	/** Columns of the daily sales facts, in order. */
	static final List<String> SALES_COLUMNS = List.of("day", "market_id", "currency", "orders", "units", "gross_minor",
			"discount_minor", "shipping_minor", "tax_minor", "total_minor", "refunds", "refund_minor");

	private SalesFacts() {
	}

	/** Whether an order counts as a sale. */
	static Condition sale(Orders o) {
		return o.STATUS.ne("PLACED").and(o.STATUS.ne("CANCELLED").or(o.CAPTURED_MINOR.gt(0L)));
	}

	/**
	 * The local date of an instant in a zone. The zone is inlined (an IANA name from the
	 * brand settings, escaped as a literal) so that the same expression can be grouped
	 * by.
	 */
	static Field<LocalDate> localDay(Field<OffsetDateTime> instant, ZoneId zone) {
		return DSL.field("cast(({0} at time zone {1}) as date)", SQLDataType.LOCALDATE, instant, inline(zone.getId()));
	}

	/**
	 * A line's net revenue: its subtotal without tax (and, one day, without discounts).
	 */
	static Field<Long> lineRevenue(Orders o, OrderLines l) {
		return l.SUBTOTAL_MINOR.minus(when(o.PRICES_INCLUDE_TAX, l.TAX_MINOR).otherwise(0L));
	}

	/**
	 * The fresh summarized days in a range, as of the transaction's snapshot: computed in
	 * the brand's current time zone after it was last changed, and not marked stale
	 * since.
	 */
	static Set<LocalDate> freshDays(DSLContext dsl, ReportRange range) {
		return new TreeSet<>(dsl.select(REPORT_DAYS.DAY)
			.from(REPORT_DAYS)
			.where(REPORT_DAYS.DAY.between(range.from(), range.to()), REPORT_DAYS.TIME_ZONE.eq(range.zone().getId()),
					REPORT_DAYS.STALE_SINCE.isNull(),
					REPORT_DAYS.COMPUTED_AT
						.ge(select(BRAND_SETTINGS.TIME_ZONE_CHANGED_AT).from(BRAND_SETTINGS).asField()))
			.fetch(REPORT_DAYS.DAY));
	}

	/**
	 * Instants of the days {@code from} to {@code to} in the range's zone. The bounds are
	 * widened by a day and the days checked by PostgreSQL itself, so that the Java and
	 * the database time-zone rules can never disagree about which day an instant is on.
	 */
	static Condition onDays(Field<OffsetDateTime> at, ReportRange range, LocalDate from, LocalDate to) {
		return at.ge(range.startOf(from.minusDays(1)))
			.and(at.lt(range.startOf(to.plusDays(2))))
			.and(localDay(at, range.zone()).between(from, to));
	}

	/**
	 * @return the instants of the days in the range that are not fresh, as a condition on
	 * {@code at}: one half-open interval per run of consecutive such days
	 */
	static Condition liveDays(Field<OffsetDateTime> at, ReportRange range, Set<LocalDate> fresh) {
		List<Condition> runs = new ArrayList<>();
		LocalDate runStart = null;
		for (LocalDate day = range.from(); !day.isAfter(range.to()); day = day.plusDays(1)) {
			boolean live = !fresh.contains(day);
			if (live && runStart == null) {
				runStart = day;
			}
			if (!live && runStart != null) {
				runs.add(onDays(at, range, runStart, day.minusDays(1)));
				runStart = null;
			}
		}
		if (runStart != null) {
			runs.add(onDays(at, range, runStart, range.to()));
		}
		return runs.isEmpty() ? falseCondition() : DSL.or(runs);
	}

	/**
	 * Daily sales facts computed from orders and refunds, one row per day, market and
	 * currency with sales and one with refunds ({@link #SALES_COLUMNS}).
	 * @param placed which orders (a condition on {@code o.placed_at})
	 * @param refunded which refunds (a condition on {@code r.created_at})
	 */
	static Select<Record> liveSales(DSLContext dsl, ZoneId zone, Condition placed, Condition refunded) {
		Orders o = ORDERS.as("o");
		OrderLines l = ORDER_LINES.as("l");
		Field<LocalDate> day = localDay(o.PLACED_AT, zone);
		Field<BigDecimal> units = select(sum(l.QUANTITY)).from(l).where(l.ORDER_ID.eq(o.ID)).asField();
		List<Field<?>> sales = List.of(day.as("day"), o.MARKET_ID.as("market_id"), o.CURRENCY.as("currency"),
				count().cast(Long.class).as("orders"), sum(units).as("units"), sum(o.SUBTOTAL_MINOR).as("gross_minor"),
				sum(o.DISCOUNT_MINOR).as("discount_minor"), sum(o.SHIPPING_MINOR).as("shipping_minor"),
				sum(o.TAX_MINOR).as("tax_minor"), sum(o.TOTAL_MINOR).as("total_minor"), inline(0L).as("refunds"),
				inline(BigDecimal.ZERO).as("refund_minor"));
		Refunds r = REFUNDS.as("r");
		Orders ro = ORDERS.as("ro");
		Field<LocalDate> refundDay = localDay(r.CREATED_AT, zone);
		Field<BigDecimal> zero = inline(BigDecimal.ZERO);
		List<Field<?>> refunds = List.of(refundDay.as("day"), ro.MARKET_ID.as("market_id"), ro.CURRENCY.as("currency"),
				inline(0L).as("orders"), zero.as("units"), zero.as("gross_minor"), zero.as("discount_minor"),
				zero.as("shipping_minor"), zero.as("tax_minor"), zero.as("total_minor"),
				count().cast(Long.class).as("refunds"), sum(r.AMOUNT_MINOR).as("refund_minor"));
		return dsl.select(sales)
			.from(o)
			.where(placed, sale(o))
			.groupBy(day, o.MARKET_ID, o.CURRENCY)
			.unionAll(dsl.select(refunds)
				.from(r)
				.join(ro)
				.on(ro.ID.eq(r.ORDER_ID))
				.where(refunded, r.CONFIRMED.isTrue())
				.groupBy(refundDay, ro.MARKET_ID, ro.CURRENCY));
	}

	/** Daily sales facts of the fresh days, from the summary. */
	static Select<Record> summarySales(DSLContext dsl, Set<LocalDate> fresh) {
		var s = REPORT_SALES_DAILY;
		List<Field<?>> fields = List.of(s.DAY.as("day"), s.MARKET_ID.as("market_id"), s.CURRENCY.as("currency"),
				s.ORDERS.cast(Long.class).as("orders"), s.UNITS.cast(BigDecimal.class).as("units"),
				s.GROSS_MINOR.cast(BigDecimal.class).as("gross_minor"),
				s.DISCOUNT_MINOR.cast(BigDecimal.class).as("discount_minor"),
				s.SHIPPING_MINOR.cast(BigDecimal.class).as("shipping_minor"),
				s.TAX_MINOR.cast(BigDecimal.class).as("tax_minor"),
				s.TOTAL_MINOR.cast(BigDecimal.class).as("total_minor"), s.REFUNDS.cast(Long.class).as("refunds"),
				s.REFUND_MINOR.cast(BigDecimal.class).as("refund_minor"));
		return dsl.select(fields).from(s).where(fresh.isEmpty() ? falseCondition() : s.DAY.in(fresh));
	}

	/**
	 * Variant facts computed from order lines, one row per sold line (variant, market,
	 * currency, product, sku, titles, units, revenue; {@code day} is the order's local
	 * day).
	 */
	static Select<Record> liveVariantLines(DSLContext dsl, ZoneId zone, Condition placed) {
		Orders o = ORDERS.as("o");
		OrderLines l = ORDER_LINES.as("l");
		return dsl
			.select(List.<Field<?>>of(localDay(o.PLACED_AT, zone).as("day"), l.VARIANT_ID.as("variant_id"),
					o.MARKET_ID.as("market_id"), o.CURRENCY.as("currency"), l.PRODUCT_ID.as("product_id"),
					l.SKU.as("sku"), l.TITLE.as("title"), l.VARIANT_TITLE.as("variant_title"),
					l.QUANTITY.cast(Long.class).as("units"), lineRevenue(o, l).as("revenue_minor")))
			.from(o)
			.join(l)
			.on(l.ORDER_ID.eq(o.ID))
			.where(placed, sale(o));
	}

	/** Variant facts of the fresh days, from the summary. */
	static Select<Record> summaryVariants(DSLContext dsl, Set<LocalDate> fresh) {
		var v = REPORT_VARIANT_DAILY;
		return dsl
			.select(List.<Field<?>>of(v.DAY.as("day"), v.VARIANT_ID.as("variant_id"), v.MARKET_ID.as("market_id"),
					v.CURRENCY.as("currency"), v.PRODUCT_ID.as("product_id"), v.SKU.as("sku"), v.TITLE.as("title"),
					v.VARIANT_TITLE.as("variant_title"), v.UNITS.as("units"), v.REVENUE_MINOR.as("revenue_minor")))
			.from(v)
			.where(fresh.isEmpty() ? falseCondition() : v.DAY.in(fresh));
	}

}

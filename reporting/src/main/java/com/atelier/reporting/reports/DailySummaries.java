package com.atelier.reporting.reports;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.atelier.platform.outage.DatabaseOutages;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantDirectory;
import com.atelier.platform.tenancy.TenantDsl;
import com.atelier.platform.tenancy.TenantStatus;
import com.atelier.reporting.ReportRange;

import static com.atelier.platform.jooq.tenant_template.Tables.BRAND_SETTINGS;
import static com.atelier.platform.jooq.tenant_template.Tables.ORDERS;
import static com.atelier.platform.jooq.tenant_template.Tables.REFUNDS;
import static com.atelier.platform.jooq.tenant_template.Tables.REPORT_DAYS;
import static com.atelier.platform.jooq.tenant_template.Tables.REPORT_SALES_DAILY;
import static com.atelier.platform.jooq.tenant_template.Tables.REPORT_VARIANT_DAILY;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.when;

/**
 * Keeps the daily summaries of closed days (every day before today in the brand's time
 * zone) current, so that reports over long ranges read a row per day instead of every
 * order (ADR 22). Today is never summarized: reports compute it live, as they do every
 * day whose summary is missing, stale or in another time zone, so a late or missed run
 * makes reports slower, never wrong.
 * <p>
 * A day is summarized in one transaction that starts by noting its start time as the
 * summary's {@code computed_at}; {@link StaleDays} marks a day stale at a later time when
 * an order of that day (or a refund on it) changes, and a summary stays fresh only if no
 * mark is newer than its {@code computed_at}.
 */
@Component
public class DailySummaries {

	/** The most days summarized in one transaction. */
	static final int MAX_DAYS_PER_TRANSACTION = 31;

	private static final Logger log = LoggerFactory.getLogger(DailySummaries.class);

	private final TenantDsl tenants;

	private final TenantDirectory directory;

	private final TransactionTemplate tx;

	DailySummaries(TenantDsl tenants, TenantDirectory directory, PlatformTransactionManager transactions) {
		this.tenants = tenants;
		this.directory = directory;
		this.tx = new TransactionTemplate(transactions);
	}

	/**
	 * Summarizes what is missing or stale in every active tenant.
	 * @param maxDaysPerTenant the most days to summarize per tenant in this run
	 * @return days summarized
	 */
	public int runOnce(int maxDaysPerTenant) {
		int done = 0;
		for (Tenant tenant : this.directory.list()) {
			if (tenant.status() != TenantStatus.ACTIVE) {
				continue;
			}
			try (TenantContext.Scope scope = TenantContext.enter(tenant.ref())) {
				done += summarizeCurrentTenant(maxDaysPerTenant);
			}
			catch (RuntimeException ex) {
				if (DatabaseOutages.isOutage(ex)) {
					// The whole run pauses; the job logs it once (ADR 31).
					throw ex;
				}
				log.warn("Could not summarize the reports of tenant {}; its reports stay live", tenant.slug(), ex);
			}
		}
		return done;
	}

	/**
	 * Summarizes the current tenant's closed days that are missing or stale, oldest
	 * first.
	 * @param maxDays the most days to summarize
	 * @return days summarized
	 */
	public int summarizeCurrentTenant(int maxDays) {
		DSLContext dsl = this.tenants.dsl();
		ZoneId zone = zone(dsl);
		LocalDate yesterday = LocalDate.now(zone).minusDays(1);
		Optional<OffsetDateTime> first = dsl.select(min(ORDERS.PLACED_AT))
			.from(ORDERS)
			.fetchOptional(0, OffsetDateTime.class);
		if (first.isEmpty() || first.get() == null) {
			return 0;
		}
		LocalDate firstDay = first.get().atZoneSameInstant(zone).toLocalDate();
		if (firstDay.isAfter(yesterday)) {
			return 0;
		}
		ReportRange closed = new ReportRange(firstDay.isBefore(yesterday.minusDays(ReportRange.MAX_DAYS - 1))
				? yesterday.minusDays(ReportRange.MAX_DAYS - 1) : firstDay, yesterday, zone);
		Set<LocalDate> fresh = SalesFacts.freshDays(dsl, closed);
		List<LocalDate> todo = new ArrayList<>();
		for (LocalDate day = closed.from(); !day.isAfter(closed.to()) && todo.size() < maxDays; day = day.plusDays(1)) {
			if (!fresh.contains(day)) {
				todo.add(day);
			}
		}
		// Consecutive days in one pass (at most a month per transaction): the first build
		// of
		// a year of orders scans them a dozen times, not 365.
		int done = 0;
		int start = 0;
		while (start < todo.size()) {
			int end = start;
			while (end + 1 < todo.size() && todo.get(end + 1).equals(todo.get(end).plusDays(1))
					&& end + 1 - start < MAX_DAYS_PER_TRANSACTION) {
				end++;
			}
			LocalDate runFrom = todo.get(start);
			LocalDate runTo = todo.get(end);
			if (!Boolean.TRUE
				.equals(this.tx.execute((status) -> summarize(this.tenants.dsl(), runFrom, runTo, zone)))) {
				break;
			}
			done += end - start + 1;
			start = end + 1;
		}
		return done;
	}

	static ZoneId zone(DSLContext dsl) {
		return ZoneId.of(dsl.select(BRAND_SETTINGS.TIME_ZONE).from(BRAND_SETTINGS).fetchSingle().value1());
	}

	/**
	 * Summarizes consecutive days; false when another node is summarizing this tenant.
	 */
	private boolean summarize(DSLContext dsl, LocalDate first, LocalDate last, ZoneId zone) {
		// The transaction's start: any change committed after it is marked stale later.
		Record started = dsl
			.select(DSL.field("pg_try_advisory_xact_lock(hashtext({0}))", Boolean.class,
					inline("atelier-report-summaries:" + dsl.render(REPORT_DAYS))), DSL.currentOffsetDateTime())
			.fetchSingle();
		if (!Boolean.TRUE.equals(started.get(0, Boolean.class))) {
			return false;
		}
		OffsetDateTime computedAt = started.get(1, OffsetDateTime.class);
		ReportRange range = new ReportRange(first, last, zone);
		Condition placed = SalesFacts.onDays(ORDERS.as("o").PLACED_AT, range, first, last);
		Condition refunded = SalesFacts.onDays(REFUNDS.as("r").CREATED_AT, range, first, last);
		dsl.deleteFrom(REPORT_SALES_DAILY).where(REPORT_SALES_DAILY.DAY.between(first, last)).execute();
		dsl.deleteFrom(REPORT_VARIANT_DAILY).where(REPORT_VARIANT_DAILY.DAY.between(first, last)).execute();

		Table<Record> sales = SalesFacts.liveSales(dsl, zone, placed, refunded).asTable("f");
		List<Field<?>> salesRow = new ArrayList<>();
		List<Field<?>> salesGroup = new ArrayList<>();
		for (String column : SalesFacts.SALES_COLUMNS) {
			Field<Object> field = sales.field(column, Object.class);
			if (column.equals("day") || column.equals("market_id") || column.equals("currency")) {
				salesRow.add(field);
				salesGroup.add(field);
			}
			else {
				salesRow.add(sum(sales.field(column, java.math.BigDecimal.class)));
			}
		}
		dsl.insertInto(REPORT_SALES_DAILY,
				List.<Field<?>>of(REPORT_SALES_DAILY.DAY, REPORT_SALES_DAILY.MARKET_ID, REPORT_SALES_DAILY.CURRENCY,
						REPORT_SALES_DAILY.ORDERS, REPORT_SALES_DAILY.UNITS, REPORT_SALES_DAILY.GROSS_MINOR,
						REPORT_SALES_DAILY.DISCOUNT_MINOR, REPORT_SALES_DAILY.SHIPPING_MINOR,
						REPORT_SALES_DAILY.TAX_MINOR, REPORT_SALES_DAILY.TOTAL_MINOR, REPORT_SALES_DAILY.REFUNDS,
						REPORT_SALES_DAILY.REFUND_MINOR))
			.select(dsl.select(salesRow).from(sales).groupBy(salesGroup))
			.execute();

		Table<Record> lines = SalesFacts.liveVariantLines(dsl, zone, placed).asTable("f");
		Field<Object> lineDay = lines.field("day", Object.class);
		Field<Object> variant = lines.field("variant_id", Object.class);
		Field<Object> market = lines.field("market_id", Object.class);
		Field<Object> currency = lines.field("currency", Object.class);
		Field<Object> product = lines.field("product_id", Object.class);
		dsl.insertInto(REPORT_VARIANT_DAILY,
				List.<Field<?>>of(REPORT_VARIANT_DAILY.DAY, REPORT_VARIANT_DAILY.VARIANT_ID,
						REPORT_VARIANT_DAILY.MARKET_ID, REPORT_VARIANT_DAILY.CURRENCY, REPORT_VARIANT_DAILY.PRODUCT_ID,
						REPORT_VARIANT_DAILY.SKU, REPORT_VARIANT_DAILY.TITLE, REPORT_VARIANT_DAILY.VARIANT_TITLE,
						REPORT_VARIANT_DAILY.UNITS, REPORT_VARIANT_DAILY.REVENUE_MINOR))
			.select(dsl
				.select(lineDay, variant, market, currency, product, max(lines.field("sku", String.class)),
						max(lines.field("title", String.class)), max(lines.field("variant_title", String.class)),
						sum(lines.field("units", Long.class)), sum(lines.field("revenue_minor", Long.class)))
				.from(lines)
				.groupBy(lineDay, variant, market, currency, product))
			.execute();

		for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
			dsl.insertInto(REPORT_DAYS)
				.set(REPORT_DAYS.DAY, day)
				.set(REPORT_DAYS.TIME_ZONE, zone.getId())
				.set(REPORT_DAYS.COMPUTED_AT, computedAt)
				.setNull(REPORT_DAYS.STALE_SINCE)
				.onConflict(REPORT_DAYS.DAY)
				.doUpdate()
				.set(REPORT_DAYS.TIME_ZONE, zone.getId())
				.set(REPORT_DAYS.COMPUTED_AT, computedAt)
				// A mark newer than this transaction's start means a change it may not
				// have seen.
				.set(REPORT_DAYS.STALE_SINCE,
						when(REPORT_DAYS.STALE_SINCE.gt(computedAt), REPORT_DAYS.STALE_SINCE)
							.otherwise(DSL.castNull(OffsetDateTime.class)))
				.execute();
		}
		return true;
	}

	/**
	 * Marks stale the local days of the instants a query yields (its one column),
	 * creating a day's row if it has none, so that a summary being computed concurrently
	 * cannot come out fresh. The day is worked out by PostgreSQL, as in the summaries.
	 */
	private static void markStale(DSLContext dsl, ZoneId zone, Field<OffsetDateTime> at, Table<?> from,
			Condition where) {
		dsl.insertInto(REPORT_DAYS, REPORT_DAYS.DAY, REPORT_DAYS.TIME_ZONE, REPORT_DAYS.COMPUTED_AT,
				REPORT_DAYS.STALE_SINCE)
			.select(dsl
				.select(SalesFacts.localDay(at, zone), DSL.val(zone.getId()),
						DSL.val(OffsetDateTime.parse("1970-01-01T00:00:00Z")), DSL.currentOffsetDateTime())
				.from(from)
				.where(where))
			.onConflict(REPORT_DAYS.DAY)
			.doUpdate()
			.set(REPORT_DAYS.STALE_SINCE, DSL.currentOffsetDateTime())
			.execute();
	}

	/** Marks stale the days an order's change touches: its own, and a refund's. */
	void markStale(UUID orderId, @org.jspecify.annotations.Nullable UUID refundId) {
		this.tx.executeWithoutResult((status) -> {
			DSLContext dsl = this.tenants.dsl();
			ZoneId zone = zone(dsl);
			markStale(dsl, zone, ORDERS.PLACED_AT, ORDERS, ORDERS.ID.eq(orderId));
			if (refundId != null) {
				markStale(dsl, zone, REFUNDS.CREATED_AT, REFUNDS, REFUNDS.ID.eq(refundId));
			}
		});
	}

}

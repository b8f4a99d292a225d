package com.atelier.reporting.reports;

import java.util.List;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jspecify.annotations.Nullable;

import com.atelier.platform.catalog.CatalogProblems;
import com.atelier.reporting.Column;
import com.atelier.reporting.Report;
import com.atelier.platform.problem.Problems;

import static com.atelier.platform.jooq.tenant_template.Tables.CHECKOUT_SETTINGS;
import static com.atelier.platform.jooq.tenant_template.Tables.PRODUCTS;
import static com.atelier.platform.jooq.tenant_template.Tables.STOCK_LEVELS;
import static com.atelier.platform.jooq.tenant_template.Tables.STOCK_LOCATIONS;
import static com.atelier.platform.jooq.tenant_template.Tables.VARIANTS;
import static org.jooq.impl.DSL.trueCondition;

/**
 * Stock now: on hand, reserved and available per variant and location; with
 * {@code lowStock=true}, only rows whose available units are at or below the threshold
 * (the brand's low-stock threshold unless {@code threshold} is given).
 */
final class InventoryReport implements Report {

	static final List<Column> COLUMNS = List.of(Column.text("location"), Column.text("sku"), Column.text("product"),
			Column.text("variant"), Column.integer("onHand"), Column.integer("reserved"), Column.integer("available"));

	private final boolean lowStock;

	private final @Nullable Integer threshold;

	private final @Nullable String location;

	InventoryReport(boolean lowStock, @Nullable Integer threshold, @Nullable String location) {
		this.lowStock = lowStock;
		this.threshold = threshold;
		this.location = location;
	}

	@Override
	public String name() {
		return "inventory";
	}

	@Override
	public List<Column> columns() {
		return COLUMNS;
	}

	@Override
	public ResultQuery<? extends Record> query(DSLContext dsl) {
		Condition where = trueCondition();
		if (this.location != null) {
			String handle = this.location;
			if (!dsl.fetchExists(STOCK_LOCATIONS, STOCK_LOCATIONS.HANDLE.eq(handle))) {
				throw CatalogProblems.Invalid.of("location", "there is no stock location " + Problems.quote(handle));
			}
			where = where.and(STOCK_LOCATIONS.HANDLE.eq(handle));
		}
		if (this.lowStock) {
			int limit = (this.threshold != null) ? this.threshold
					: dsl.select(CHECKOUT_SETTINGS.LOW_STOCK_THRESHOLD)
						.from(CHECKOUT_SETTINGS)
						.fetchOptional(CHECKOUT_SETTINGS.LOW_STOCK_THRESHOLD)
						.orElse(3);
			where = where.and(STOCK_LEVELS.AVAILABLE.le(limit));
		}
		return dsl
			.select(STOCK_LOCATIONS.HANDLE.as("location"), VARIANTS.SKU.as("sku"), PRODUCTS.TITLE.as("product"),
					VARIANTS.TITLE.as("variant"), STOCK_LEVELS.ON_HAND.as("onHand"),
					STOCK_LEVELS.RESERVED.as("reserved"), STOCK_LEVELS.AVAILABLE.as("available"))
			.from(STOCK_LEVELS)
			.join(STOCK_LOCATIONS)
			.on(STOCK_LOCATIONS.ID.eq(STOCK_LEVELS.LOCATION_ID))
			.join(VARIANTS)
			.on(VARIANTS.ID.eq(STOCK_LEVELS.VARIANT_ID))
			.join(PRODUCTS)
			.on(PRODUCTS.ID.eq(VARIANTS.PRODUCT_ID))
			.where(where)
			.orderBy(STOCK_LOCATIONS.HANDLE, VARIANTS.SKU);
	}

}

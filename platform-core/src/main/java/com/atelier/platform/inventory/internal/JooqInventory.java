package com.atelier.platform.inventory.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.atelier.platform.catalog.CatalogCache;
import com.atelier.platform.catalog.CatalogProblems;
import com.atelier.platform.catalog.Cursors;
import com.atelier.platform.catalog.Handles;
import com.atelier.platform.catalog.Page;
import com.atelier.platform.cluster.ClusterSignals;
import com.atelier.platform.identity.Actor;
import com.atelier.platform.identity.AuditLog;
import com.atelier.platform.inventory.InsufficientStock;
import com.atelier.platform.inventory.Inventory;
import com.atelier.platform.inventory.StockLevel;
import com.atelier.platform.inventory.StockLocation;
import com.atelier.platform.problem.FieldProblem;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantDsl;

import static com.atelier.platform.jooq.tenant_template.Tables.STOCK_ADJUSTMENTS;
import static com.atelier.platform.jooq.tenant_template.Tables.STOCK_LEVELS;
import static com.atelier.platform.jooq.tenant_template.Tables.STOCK_LOCATIONS;
import static com.atelier.platform.jooq.tenant_template.Tables.VARIANTS;
import static org.jooq.impl.DSL.row;

/**
 * Stock in the tenant's schema. {@code available = on_hand - reserved} is a generated
 * column; the table's checks keep on hand at or above zero and reserved within on hand,
 * and every change is one conditional statement, so concurrent changes never overdraw.
 */
@Service
@Transactional
class JooqInventory implements Inventory {

	private final TenantDsl db;

	private final AuditLog audit;

	private final ClusterSignals signals;

	JooqInventory(TenantDsl db, AuditLog audit, ClusterSignals signals) {
		this.db = db;
		this.audit = audit;
		this.signals = signals;
	}

	@Override
	public StockLocation createLocation(String handle, String name, Actor actor) {
		List<FieldProblem> problems = new ArrayList<>();
		if (handle == null || !Handles.valid(handle) || handle.length() > 40) {
			problems.add(new FieldProblem("handle", "must be 1 to 40 lower-case letters, digits or hyphens"));
		}
		if (name == null || name.isBlank() || name.length() > 100) {
			problems.add(new FieldProblem("name", "must be 1 to 100 characters"));
		}
		if (!problems.isEmpty()) {
			throw new CatalogProblems.Invalid(problems);
		}
		DSLContext dsl = this.db.dsl();
		if (dsl.fetchExists(STOCK_LOCATIONS, STOCK_LOCATIONS.HANDLE.eq(handle))) {
			throw new CatalogProblems.HandleTaken(handle);
		}
		UUID id = UUID.randomUUID();
		dsl.insertInto(STOCK_LOCATIONS)
			.set(STOCK_LOCATIONS.ID, id)
			.set(STOCK_LOCATIONS.HANDLE, handle)
			.set(STOCK_LOCATIONS.NAME, name.strip())
			.execute();
		StockLocation location = new StockLocation(id, handle, name.strip());
		this.audit.record(actor, "stock-location.created", "stock-location", id.toString(), null, location);
		return location;
	}

	@Override
	@Transactional(readOnly = true)
	public List<StockLocation> locations() {
		return this.db.dsl()
			.selectFrom(STOCK_LOCATIONS)
			.orderBy(STOCK_LOCATIONS.HANDLE)
			.fetch((r) -> new StockLocation(r.getId(), r.getHandle(), r.getName()));
	}

	@Override
	@Transactional(readOnly = true)
	public Page<StockLevel> levels(@Nullable UUID variantId, @Nullable UUID locationId, @Nullable String after,
			int limit) {
		if (limit < 1 || limit > 200) {
			throw CatalogProblems.Invalid.of("limit", "must be between 1 and 200");
		}
		Condition condition = DSL.noCondition();
		if (variantId != null) {
			condition = condition.and(STOCK_LEVELS.VARIANT_ID.eq(variantId));
		}
		if (locationId != null) {
			condition = condition.and(STOCK_LEVELS.LOCATION_ID.eq(locationId));
		}
		if (after != null) {
			List<String> cursor = Cursors.decode(after, 2);
			condition = condition.and(row(VARIANTS.SKU, STOCK_LOCATIONS.HANDLE).gt(cursor.get(0), cursor.get(1)));
		}
		List<StockLevel> rows = new ArrayList<>(levelQuery(this.db.dsl()).where(condition)
			.orderBy(VARIANTS.SKU, STOCK_LOCATIONS.HANDLE)
			.limit(limit + 1)
			.fetch(JooqInventory::toLevel));
		String next = null;
		if (rows.size() > limit) {
			rows = rows.subList(0, limit);
			StockLevel last = rows.get(limit - 1);
			next = Cursors.encode(last.sku(), last.location());
		}
		return new Page<>(rows, next);
	}

	@Override
	public StockLevel adjust(UUID variantId, UUID locationId, int delta, String reason, Actor actor) {
		List<FieldProblem> problems = new ArrayList<>();
		if (delta == 0 || Math.abs((long) delta) > 1_000_000) {
			problems.add(new FieldProblem("delta", "must be a non-zero number of units, at most 1000000 either way"));
		}
		if (reason == null || reason.isBlank() || reason.length() > 200) {
			problems.add(new FieldProblem("reason", "must be 1 to 200 characters"));
		}
		if (!problems.isEmpty()) {
			throw new CatalogProblems.Invalid(problems);
		}
		DSLContext dsl = this.db.dsl();
		if (!dsl.fetchExists(VARIANTS, VARIANTS.ID.eq(variantId))) {
			throw new CatalogProblems.NotFound("variant " + variantId);
		}
		if (!dsl.fetchExists(STOCK_LOCATIONS, STOCK_LOCATIONS.ID.eq(locationId))) {
			throw new CatalogProblems.NotFound("stock location " + locationId);
		}
		Integer onHand;
		if (delta > 0) {
			onHand = dsl.insertInto(STOCK_LEVELS)
				.set(STOCK_LEVELS.VARIANT_ID, variantId)
				.set(STOCK_LEVELS.LOCATION_ID, locationId)
				.set(STOCK_LEVELS.ON_HAND, delta)
				.onConflict(STOCK_LEVELS.VARIANT_ID, STOCK_LEVELS.LOCATION_ID)
				.doUpdate()
				.set(STOCK_LEVELS.ON_HAND, STOCK_LEVELS.ON_HAND.plus(delta))
				.set(STOCK_LEVELS.UPDATED_AT, OffsetDateTime.now())
				.returning(STOCK_LEVELS.ON_HAND)
				.fetchOne(STOCK_LEVELS.ON_HAND);
		}
		else {
			// One conditional statement: never below zero, never below what is reserved.
			onHand = dsl.update(STOCK_LEVELS)
				.set(STOCK_LEVELS.ON_HAND, STOCK_LEVELS.ON_HAND.plus(delta))
				.set(STOCK_LEVELS.UPDATED_AT, OffsetDateTime.now())
				.where(STOCK_LEVELS.VARIANT_ID.eq(variantId), STOCK_LEVELS.LOCATION_ID.eq(locationId))
				.and(STOCK_LEVELS.ON_HAND.plus(delta).ge(STOCK_LEVELS.RESERVED))
				.returning(STOCK_LEVELS.ON_HAND)
				.fetchOptional(STOCK_LEVELS.ON_HAND)
				.orElseThrow(() -> new InsufficientStock("Removing " + (-delta)
						+ " units would leave less than zero, or less than is reserved, at this location."));
		}
		dsl.insertInto(STOCK_ADJUSTMENTS)
			.set(STOCK_ADJUSTMENTS.ID, UUID.randomUUID())
			.set(STOCK_ADJUSTMENTS.VARIANT_ID, variantId)
			.set(STOCK_ADJUSTMENTS.LOCATION_ID, locationId)
			.set(STOCK_ADJUSTMENTS.DELTA, delta)
			.set(STOCK_ADJUSTMENTS.REASON, reason.strip())
			.set(STOCK_ADJUSTMENTS.ON_HAND, onHand)
			.set(STOCK_ADJUSTMENTS.ACTOR_TYPE, actor.type().name())
			.set(STOCK_ADJUSTMENTS.ACTOR_ID, actor.id())
			.execute();
		StockLevel level = levelQuery(dsl)
			.where(STOCK_LEVELS.VARIANT_ID.eq(variantId), STOCK_LEVELS.LOCATION_ID.eq(locationId))
			.fetchSingle(JooqInventory::toLevel);
		this.audit.record(actor, "stock.adjusted", "stock-level", variantId + "@" + locationId,
				Map.of("onHand", onHand - delta), Map.of("onHand", onHand, "delta", delta, "reason", reason.strip()));
		this.signals.publishAfterCommit(CatalogCache.CHANNEL, TenantContext.require().id().toString());
		return level;
	}

	private static org.jooq.SelectOnConditionStep<? extends Record> levelQuery(DSLContext dsl) {
		return dsl
			.select(STOCK_LEVELS.VARIANT_ID, VARIANTS.SKU, STOCK_LEVELS.LOCATION_ID, STOCK_LOCATIONS.HANDLE,
					STOCK_LEVELS.ON_HAND, STOCK_LEVELS.RESERVED, STOCK_LEVELS.AVAILABLE)
			.from(STOCK_LEVELS)
			.join(VARIANTS)
			.on(VARIANTS.ID.eq(STOCK_LEVELS.VARIANT_ID))
			.join(STOCK_LOCATIONS)
			.on(STOCK_LOCATIONS.ID.eq(STOCK_LEVELS.LOCATION_ID));
	}

	private static StockLevel toLevel(Record r) {
		return new StockLevel(r.get(STOCK_LEVELS.VARIANT_ID), r.get(VARIANTS.SKU), r.get(STOCK_LEVELS.LOCATION_ID),
				r.get(STOCK_LOCATIONS.HANDLE), r.get(STOCK_LEVELS.ON_HAND), r.get(STOCK_LEVELS.RESERVED),
				r.get(STOCK_LEVELS.AVAILABLE));
	}

}

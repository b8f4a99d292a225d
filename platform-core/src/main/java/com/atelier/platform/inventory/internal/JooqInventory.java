package com.atelier.platform.inventory.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
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
import com.atelier.platform.inventory.Inventory.NotCommitted;
import com.atelier.platform.inventory.StockLevel;
import com.atelier.platform.inventory.StockLocation;
import com.atelier.platform.inventory.VariantStock;
import com.atelier.platform.problem.FieldProblem;
import com.atelier.platform.tenancy.PlainSql;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantDsl;

import static com.atelier.platform.jooq.tenant_template.Tables.STOCK_ADJUSTMENTS;
import static com.atelier.platform.jooq.tenant_template.Tables.STOCK_LEVELS;
import static com.atelier.platform.jooq.tenant_template.Tables.STOCK_LOCATIONS;
import static com.atelier.platform.jooq.tenant_template.Tables.STOCK_RESERVATIONS;
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

	private final int storefrontLowStock;

	JooqInventory(TenantDsl db, AuditLog audit, ClusterSignals signals,
			@Value("${atelier.storefront.low-stock-threshold:3}") int storefrontLowStock) {
		this.db = db;
		this.audit = audit;
		this.signals = signals;
		this.storefrontLowStock = storefrontLowStock;
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

	/**
	 * Reserves the units of a variant stocked at one location, in one statement: update
	 * its row only if it still has enough (PostgreSQL re-checks the condition on the
	 * latest row version after waiting for its lock) and record the reservation. The row
	 * stays locked only from this statement to the commit. Answers the variant's
	 * available units before, or nothing when the variant is stocked at several locations
	 * or has too few: then {@link #reserveAcrossLocations} locks all its rows in location
	 * order. (Only single-location variants take this path: a failed attempt keeps the
	 * row it waited for locked, and mixing that with the ordered path could deadlock.)
	 */
	private static final String RESERVE_AT_ONE_LOCATION = """
			with pick as (
			    select variant_id, location_id from $.stock_levels
			    where variant_id = ? and on_hand - reserved >= ?
			      and (select count(*) from $.stock_levels x where x.variant_id = ?) = 1
			    limit 1),
			taken as (
			    update $.stock_levels s set reserved = s.reserved + ?, updated_at = now()
			    from pick
			    where s.variant_id = pick.variant_id and s.location_id = pick.location_id
			      and s.on_hand - s.reserved >= ?
			    returning s.variant_id, s.location_id),
			held as (
			    insert into $.stock_reservations (order_id, variant_id, location_id, quantity)
			    select ?, variant_id, location_id, ? from taken
			    returning variant_id)
			select (select sum(on_hand - reserved) from $.stock_levels where variant_id = ?)::int as available_before
			from held""";

	/**
	 * {@link #RESERVE_AT_ONE_LOCATION} as the last statement of a transaction, sent with
	 * its COMMIT: when nothing was held, {@code platform.reserved_or_raise} raises, which
	 * stops the COMMIT (ADR 24).
	 */
	private static final String RESERVE_AT_ONE_LOCATION_AND_COMMIT = RESERVE_AT_ONE_LOCATION.substring(0,
			RESERVE_AT_ONE_LOCATION.lastIndexOf("select (select sum"))
			+ """
					select platform.reserved_or_raise((select count(*) from held),
					    (select count(*) from $.stock_levels x where x.variant_id = ?),
					    (select sku from $.variants where id = ?)),
					    (select sum(on_hand - reserved) from $.stock_levels where variant_id = ?)::int as available_before""";

	@Override
	public void reserve(UUID orderId, Map<UUID, Integer> units) {
		reserve(orderId, units, false);
	}

	@Override
	public void reserveAndCommit(UUID orderId, Map<UUID, Integer> units) {
		reserve(orderId, units, true);
	}

	private void reserve(UUID orderId, Map<UUID, Integer> units, boolean commit) {
		DSLContext dsl = this.db.dsl();
		boolean bandChanged = false;
		// Variants in a fixed order, so two checkouts that share variants queue instead
		// of deadlocking.
		TreeMap<UUID, Integer> ordered = new TreeMap<>(units);
		for (Map.Entry<UUID, Integer> wanted : ordered.entrySet()) {
			UUID variant = wanted.getKey();
			int quantity = wanted.getValue();
			if (quantity <= 0) {
				throw CatalogProblems.Invalid.of("quantity", "must be positive");
			}
			if (commit && variant.equals(ordered.lastKey())) {
				int before = reserveLastAndCommit(dsl, orderId, variant, quantity);
				bandChanged |= before - quantity <= this.storefrontLowStock;
				continue;
			}
			// Plain SQL, schema-qualified with the tenant's validated schema name: this
			// runs
			// for every line of every checkout.
			String sql = RESERVE_AT_ONE_LOCATION.replace("$", TenantContext.require().schema().quoted());
			Integer before = PlainSql
				.query(dsl, sql, (row) -> row.getInt(1), variant, quantity, variant, quantity, quantity, orderId,
						quantity, variant)
				.stream()
				.findFirst()
				.orElse(null);
			int left = (before != null) ? before - quantity : reserveAcrossLocations(dsl, orderId, variant, quantity);
			bandChanged |= left <= this.storefrontLowStock;
		}
		if (bandChanged) {
			signalStorefront();
		}
	}

	private static int reserveLastAndCommit(DSLContext dsl, UUID orderId, UUID variant, int quantity) {
		String sql = RESERVE_AT_ONE_LOCATION_AND_COMMIT.replace("$", TenantContext.require().schema().quoted());
		try {
			return PlainSql
				.queryAndCommit(dsl, sql, (row) -> row.getInt(2), variant, quantity, variant, quantity, quantity,
						orderId, quantity, variant, variant, variant)
				.get(0);
		}
		catch (org.springframework.jdbc.UncategorizedSQLException ex) {
			java.sql.SQLException cause = ex.getSQLException();
			String state = (cause != null) ? cause.getSQLState() : null;
			if ("AT409".equals(state)) {
				throw new InsufficientStock(serverMessage(cause));
			}
			if ("AT300".equals(state)) {
				throw new NotCommitted("the variant is stocked at several locations");
			}
			throw ex;
		}
	}

	private static String serverMessage(java.sql.SQLException ex) {
		if (ex instanceof org.postgresql.util.PSQLException psql && psql.getServerErrorMessage() != null
				&& psql.getServerErrorMessage().getMessage() != null) {
			return psql.getServerErrorMessage().getMessage();
		}
		return "Not enough units available.";
	}

	/**
	 * No single location has enough: lock the variant's rows (in location order) and take
	 * from the locations with the most available first.
	 * @return the variant's available units after
	 */
	private int reserveAcrossLocations(DSLContext dsl, UUID orderId, UUID variant, int quantity) {
		List<Record> levels = new ArrayList<>(dsl
			.select(STOCK_LEVELS.VARIANT_ID, STOCK_LEVELS.LOCATION_ID, STOCK_LEVELS.ON_HAND, STOCK_LEVELS.RESERVED)
			.from(STOCK_LEVELS)
			.where(STOCK_LEVELS.VARIANT_ID.eq(variant))
			.orderBy(STOCK_LEVELS.LOCATION_ID)
			.forUpdate()
			.fetch());
		levels.sort(java.util.Comparator
			.comparingInt((Record r) -> -(r.get(STOCK_LEVELS.ON_HAND) - r.get(STOCK_LEVELS.RESERVED)))
			.thenComparing((Record r) -> r.get(STOCK_LEVELS.LOCATION_ID)));
		int total = levels.stream().mapToInt((r) -> r.get(STOCK_LEVELS.ON_HAND) - r.get(STOCK_LEVELS.RESERVED)).sum();
		if (total < quantity) {
			String sku = dsl.select(VARIANTS.SKU).from(VARIANTS).where(VARIANTS.ID.eq(variant)).fetchOne(VARIANTS.SKU);
			throw new InsufficientStock("Not enough units available of " + sku + ".");
		}
		int remaining = quantity;
		for (Record level : levels) {
			int take = Math.min(level.get(STOCK_LEVELS.ON_HAND) - level.get(STOCK_LEVELS.RESERVED), remaining);
			if (take <= 0) {
				continue;
			}
			UUID location = level.get(STOCK_LEVELS.LOCATION_ID);
			dsl.update(STOCK_LEVELS)
				.set(STOCK_LEVELS.RESERVED, STOCK_LEVELS.RESERVED.plus(take))
				.set(STOCK_LEVELS.UPDATED_AT, OffsetDateTime.now())
				.where(STOCK_LEVELS.VARIANT_ID.eq(variant), STOCK_LEVELS.LOCATION_ID.eq(location))
				.execute();
			dsl.insertInto(STOCK_RESERVATIONS)
				.set(STOCK_RESERVATIONS.ORDER_ID, orderId)
				.set(STOCK_RESERVATIONS.VARIANT_ID, variant)
				.set(STOCK_RESERVATIONS.LOCATION_ID, location)
				.set(STOCK_RESERVATIONS.QUANTITY, take)
				.execute();
			remaining -= take;
			if (remaining == 0) {
				break;
			}
		}
		return total - quantity;
	}

	@Override
	public boolean release(UUID orderId) {
		return move(orderId, "HELD", "RELEASED", STOCK_LEVELS.ON_HAND, STOCK_LEVELS.RESERVED.minus(heldUnits()), true);
	}

	@Override
	public List<VariantStock> commit(UUID orderId, int lowStockThreshold) {
		// Available units do not change (on hand and reserved drop together): no signal.
		if (!move(orderId, "HELD", "COMMITTED", STOCK_LEVELS.ON_HAND.minus(heldUnits()),
				STOCK_LEVELS.RESERVED.minus(heldUnits()), false)) {
			return List.of();
		}
		return this.db.dsl()
			.select(VARIANTS.ID, VARIANTS.SKU, DSL.sum(STOCK_LEVELS.AVAILABLE).cast(Integer.class))
			.from(VARIANTS)
			.join(STOCK_LEVELS)
			.on(STOCK_LEVELS.VARIANT_ID.eq(VARIANTS.ID))
			.where(VARIANTS.ID.in(DSL.select(STOCK_RESERVATIONS.VARIANT_ID)
				.from(STOCK_RESERVATIONS)
				.where(STOCK_RESERVATIONS.ORDER_ID.eq(orderId))))
			.groupBy(VARIANTS.ID, VARIANTS.SKU)
			.having(DSL.sum(STOCK_LEVELS.AVAILABLE).le(DSL.inline(java.math.BigDecimal.valueOf(lowStockThreshold))))
			.orderBy(VARIANTS.SKU)
			.fetch((r) -> new VariantStock(r.value1(), r.value2(), r.value3()));
	}

	@Override
	public boolean restock(UUID orderId) {
		return move(orderId, "COMMITTED", "RESTOCKED", STOCK_LEVELS.ON_HAND.plus(heldUnits()), STOCK_LEVELS.RESERVED,
				true);
	}

	/**
	 * The reservation row's units, inside the UPDATE ... FROM stock_reservations below.
	 */
	private static org.jooq.Field<Integer> heldUnits() {
		return STOCK_RESERVATIONS.QUANTITY;
	}

	/**
	 * Moves an order's reservation rows from one state to the next and applies the units
	 * to the stock rows in one statement each; stock rows are locked first, in a fixed
	 * order.
	 */
	private boolean move(UUID orderId, String from, String to, org.jooq.Field<Integer> onHand,
			org.jooq.Field<Integer> reserved, boolean availabilityRises) {
		DSLContext dsl = this.db.dsl();
		dsl.select(STOCK_LEVELS.VARIANT_ID)
			.from(STOCK_LEVELS)
			.where(row(STOCK_LEVELS.VARIANT_ID, STOCK_LEVELS.LOCATION_ID)
				.in(DSL.select(STOCK_RESERVATIONS.VARIANT_ID, STOCK_RESERVATIONS.LOCATION_ID)
					.from(STOCK_RESERVATIONS)
					.where(STOCK_RESERVATIONS.ORDER_ID.eq(orderId), STOCK_RESERVATIONS.STATE.eq(from))))
			.orderBy(STOCK_LEVELS.VARIANT_ID, STOCK_LEVELS.LOCATION_ID)
			.forUpdate()
			.fetch();
		int changed = dsl.update(STOCK_LEVELS)
			.set(STOCK_LEVELS.ON_HAND, onHand)
			.set(STOCK_LEVELS.RESERVED, reserved)
			.set(STOCK_LEVELS.UPDATED_AT, OffsetDateTime.now())
			.from(STOCK_RESERVATIONS)
			.where(STOCK_RESERVATIONS.ORDER_ID.eq(orderId), STOCK_RESERVATIONS.STATE.eq(from),
					STOCK_RESERVATIONS.VARIANT_ID.eq(STOCK_LEVELS.VARIANT_ID),
					STOCK_RESERVATIONS.LOCATION_ID.eq(STOCK_LEVELS.LOCATION_ID))
			.execute();
		if (changed == 0) {
			return false;
		}
		dsl.update(STOCK_RESERVATIONS)
			.set(STOCK_RESERVATIONS.STATE, to)
			.where(STOCK_RESERVATIONS.ORDER_ID.eq(orderId), STOCK_RESERVATIONS.STATE.eq(from))
			.execute();
		if (availabilityRises && wasNearBand(dsl, orderId)) {
			signalStorefront();
		}
		return true;
	}

	/**
	 * Whether giving back the order's units moved a variant across the storefront's
	 * availability bands (sold out, low, in stock): only then do shoppers' cached pages
	 * change, so only then is the tenant's storefront cache signalled.
	 */
	private boolean wasNearBand(DSLContext dsl, UUID orderId) {
		var units = DSL.select(STOCK_RESERVATIONS.VARIANT_ID, DSL.sum(STOCK_RESERVATIONS.QUANTITY).as("units"))
			.from(STOCK_RESERVATIONS)
			.where(STOCK_RESERVATIONS.ORDER_ID.eq(orderId))
			.groupBy(STOCK_RESERVATIONS.VARIANT_ID)
			.asTable("u");
		return dsl.fetchExists(DSL.select(STOCK_LEVELS.VARIANT_ID)
			.from(STOCK_LEVELS)
			.join(units)
			.on(units.field(STOCK_RESERVATIONS.VARIANT_ID).eq(STOCK_LEVELS.VARIANT_ID))
			.groupBy(STOCK_LEVELS.VARIANT_ID, units.field("units"))
			.having(DSL.sum(STOCK_LEVELS.AVAILABLE)
				.minus(units.field("units", java.math.BigDecimal.class))
				.le(java.math.BigDecimal.valueOf(this.storefrontLowStock))));
	}

	private void signalStorefront() {
		this.signals.publishAfterCommit(CatalogCache.CHANNEL, TenantContext.require().id().toString());
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

package com.atelier.platform.orders.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.atelier.platform.catalog.CatalogProblems;
import com.atelier.platform.catalog.Cursors;
import com.atelier.platform.catalog.Page;
import com.atelier.platform.events.EventTypes;
import com.atelier.platform.events.Events;
import com.atelier.platform.identity.Actor;
import com.atelier.platform.identity.AuditLog;
import com.atelier.platform.inventory.Inventory;
import com.atelier.platform.jooq.tenant_template.tables.records.OrderLinesRecord;
import com.atelier.platform.jooq.tenant_template.tables.records.OrdersRecord;
import com.atelier.platform.jooq.tenant_template.tables.records.PaymentsRecord;
import com.atelier.platform.money.CurrencyCode;
import com.atelier.platform.money.Money;
import com.atelier.platform.orders.CancelReasons;
import com.atelier.platform.orders.Order;
import com.atelier.platform.orders.OrderProblems;
import com.atelier.platform.orders.OrderStatus;
import com.atelier.platform.orders.OrderSummary;
import com.atelier.platform.orders.Orders;
import com.atelier.platform.orders.Totals;
import com.atelier.platform.payments.PaymentProvider;
import com.atelier.platform.payments.PaymentProviders;
import com.atelier.platform.payments.PaymentResult;
import com.atelier.platform.payments.PaymentStatus;
import com.atelier.platform.payments.ProviderEvent;
import com.atelier.platform.problem.FieldProblem;
import com.atelier.platform.tenancy.TenantDsl;

import static com.atelier.platform.jooq.tenant_template.Tables.FULFILLMENTS;
import static com.atelier.platform.jooq.tenant_template.Tables.FULFILLMENT_LINES;
import static com.atelier.platform.jooq.tenant_template.Tables.MARKETS;
import static com.atelier.platform.jooq.tenant_template.Tables.ORDERS;
import static com.atelier.platform.jooq.tenant_template.Tables.ORDER_LINES;
import static com.atelier.platform.jooq.tenant_template.Tables.ORDER_NOTES;
import static com.atelier.platform.jooq.tenant_template.Tables.ORDER_TIMELINE;
import static com.atelier.platform.jooq.tenant_template.Tables.PAYMENTS;
import static com.atelier.platform.jooq.tenant_template.Tables.PROVIDER_EVENTS;
import static com.atelier.platform.jooq.tenant_template.Tables.REFUNDS;
import static org.jooq.impl.DSL.row;

/**
 * Orders in the tenant's schema. Actions that move money follow one pattern: a
 * transaction checks the state and records the intent, the provider is called with no
 * transaction open, a second transaction records the outcome (or undoes the intent).
 */
@Service
class JooqOrders implements Orders {

	private static final Logger log = LoggerFactory.getLogger(JooqOrders.class);

	private final TenantDsl db;

	private final OrderLedger ledger;

	private final Inventory inventory;

	private final Events events;

	private final AuditLog audit;

	private final PaymentProviders providers;

	private final TransactionTemplate tx;

	private final TransactionTemplate readOnly;

	JooqOrders(TenantDsl db, OrderLedger ledger, Inventory inventory, Events events, AuditLog audit,
			PaymentProviders providers, PlatformTransactionManager transactions) {
		this.db = db;
		this.ledger = ledger;
		this.inventory = inventory;
		this.events = events;
		this.audit = audit;
		this.providers = providers;
		this.tx = new TransactionTemplate(transactions);
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
	}

	// ---- reading

	@Override
	public Page<OrderSummary> list(Filter filter, @Nullable String after, int limit) {
		if (limit < 1 || limit > 200) {
			throw CatalogProblems.Invalid.of("limit", "must be between 1 and 200");
		}
		Condition where = DSL.noCondition();
		if (filter.status() != null) {
			where = where.and(ORDERS.STATUS.eq(filter.status().name()));
		}
		if (filter.email() != null) {
			where = where.and(DSL.lower(ORDERS.EMAIL).eq(filter.email().strip().toLowerCase(Locale.ROOT)));
		}
		if (filter.customerId() != null) {
			where = where.and(ORDERS.CUSTOMER_ID.eq(filter.customerId()));
		}
		if (filter.placedFrom() != null) {
			where = where.and(ORDERS.PLACED_AT.ge(OffsetDateTime.ofInstant(filter.placedFrom(), ZoneOffset.UTC)));
		}
		if (filter.placedBefore() != null) {
			where = where.and(ORDERS.PLACED_AT.lt(OffsetDateTime.ofInstant(filter.placedBefore(), ZoneOffset.UTC)));
		}
		if (after != null) {
			List<String> cursor = Cursors.decode(after, 2);
			try {
				where = where.and(row(ORDERS.PLACED_AT, ORDERS.ID).lt(OffsetDateTime.parse(cursor.get(0)),
						UUID.fromString(cursor.get(1))));
			}
			catch (RuntimeException ex) {
				throw Cursors.invalid();
			}
		}
		Condition condition = where;
		var units = DSL.select(DSL.coalesce(DSL.sum(ORDER_LINES.QUANTITY), DSL.inline(java.math.BigDecimal.ZERO)))
			.from(ORDER_LINES)
			.where(ORDER_LINES.ORDER_ID.eq(ORDERS.ID))
			.asField("units");
		List<OrderSummary> items = this.readOnly.execute((status) -> this.db.dsl()
			.select(ORDERS.ID, ORDERS.NUMBER, ORDERS.STATUS, ORDERS.EMAIL, MARKETS.HANDLE, ORDERS.TOTAL_MINOR,
					ORDERS.CURRENCY, units, ORDERS.PLACED_AT)
			.from(ORDERS)
			.join(MARKETS)
			.on(MARKETS.ID.eq(ORDERS.MARKET_ID))
			.where(condition)
			.orderBy(ORDERS.PLACED_AT.desc(), ORDERS.ID.desc())
			.limit(limit + 1)
			.fetch((r) -> new OrderSummary(r.get(ORDERS.ID), r.get(ORDERS.NUMBER),
					OrderStatus.valueOf(r.get(ORDERS.STATUS)), r.get(ORDERS.EMAIL), r.get(MARKETS.HANDLE),
					Money.ofMinor(r.get(ORDERS.TOTAL_MINOR), new CurrencyCode(r.get(ORDERS.CURRENCY))),
					r.get(units, java.math.BigDecimal.class).intValue(), r.get(ORDERS.PLACED_AT).toInstant())));
		String next = null;
		if (items.size() > limit) {
			items = new ArrayList<>(items.subList(0, limit));
			OrderSummary last = items.get(limit - 1);
			next = Cursors.encode(OffsetDateTime.ofInstant(last.placedAt(), ZoneOffset.UTC).toString(),
					last.id().toString());
		}
		return new Page<>(items, next);
	}

	@Override
	public Order get(UUID id) {
		return this.readOnly.execute((status) -> read(this.db.dsl(), id, null));
	}

	@Override
	public Order getForCustomer(UUID customerId, UUID id) {
		return this.readOnly.execute((status) -> read(this.db.dsl(), id, customerId));
	}

	private Order read(DSLContext dsl, UUID id, @Nullable UUID customerId) {
		OrdersRecord o = dsl.fetchOne(ORDERS, ORDERS.ID.eq(id));
		if (o == null || (customerId != null && !customerId.equals(o.getCustomerId()))) {
			throw new CatalogProblems.NotFound("order " + id);
		}
		CurrencyCode currency = new CurrencyCode(o.getCurrency());
		String market = dsl.select(MARKETS.HANDLE)
			.from(MARKETS)
			.where(MARKETS.ID.eq(o.getMarketId()))
			.fetchOne(MARKETS.HANDLE);
		List<Order.Line> lines = dsl.selectFrom(ORDER_LINES)
			.where(ORDER_LINES.ORDER_ID.eq(id))
			.orderBy(ORDER_LINES.POSITION)
			.fetch((l) -> new Order.Line(l.getId(), l.getSku(), l.getTitle(), l.getVariantTitle(),
					l.getPersonalization(), l.getQuantity(), l.getFulfilledQuantity(),
					Money.ofMinor(l.getUnitPriceMinor(), currency), Money.ofMinor(l.getSubtotalMinor(), currency),
					l.getTaxRate(), Money.ofMinor(l.getTaxMinor(), currency)));
		List<Order.Payment> payments = dsl.selectFrom(PAYMENTS)
			.where(PAYMENTS.ORDER_ID.eq(id))
			.orderBy(PAYMENTS.CREATED_AT)
			.fetch((p) -> new Order.Payment(p.getId(), p.getProvider(), p.getReference(),
					p.getStatus().toLowerCase(Locale.ROOT), Money.ofMinor(p.getAmountMinor(), currency),
					Money.ofMinor(p.getCapturedMinor(), currency), Money.ofMinor(p.getRefundedMinor(), currency),
					p.getFailureMessage()));
		Map<UUID, List<Order.FulfilledLine>> shipped = new LinkedHashMap<>();
		dsl.select(FULFILLMENT_LINES.FULFILLMENT_ID, FULFILLMENT_LINES.ORDER_LINE_ID, FULFILLMENT_LINES.QUANTITY)
			.from(FULFILLMENT_LINES)
			.join(FULFILLMENTS)
			.on(FULFILLMENTS.ID.eq(FULFILLMENT_LINES.FULFILLMENT_ID))
			.where(FULFILLMENTS.ORDER_ID.eq(id))
			.forEach((r) -> shipped.computeIfAbsent(r.value1(), (k) -> new ArrayList<>())
				.add(new Order.FulfilledLine(r.value2(), r.value3())));
		List<Order.Fulfillment> fulfillments = dsl.selectFrom(FULFILLMENTS)
			.where(FULFILLMENTS.ORDER_ID.eq(id))
			.orderBy(FULFILLMENTS.CREATED_AT)
			.fetch((f) -> new Order.Fulfillment(f.getId(), f.getCarrier(), f.getTrackingNumber(),
					shipped.getOrDefault(f.getId(), List.of()), f.getCreatedAt().toInstant()));
		List<Order.Refund> refunds = dsl.selectFrom(REFUNDS)
			.where(REFUNDS.ORDER_ID.eq(id))
			.orderBy(REFUNDS.CREATED_AT)
			.fetch((r) -> new Order.Refund(r.getId(), Money.ofMinor(r.getAmountMinor(), currency), r.getReason(),
					r.getReference(), r.getCreatedAt().toInstant()));
		List<Order.Note> notes = (customerId != null) ? List.of() : dsl.selectFrom(ORDER_NOTES)
			.where(ORDER_NOTES.ORDER_ID.eq(id))
			.orderBy(ORDER_NOTES.CREATED_AT)
			.fetch((n) -> new Order.Note(n.getId(), n.getBody(), n.getActorName(), n.getCreatedAt().toInstant()));
		List<Order.TimelineEntry> timeline = dsl.selectFrom(ORDER_TIMELINE)
			.where(ORDER_TIMELINE.ORDER_ID.eq(id))
			.orderBy(ORDER_TIMELINE.OCCURRED_AT, ORDER_TIMELINE.RECORDED_AT)
			.fetch((t) -> new Order.TimelineEntry(t.getEventId(), t.getType(), t.getOccurredAt().toInstant()));
		Totals totals = new Totals(Money.ofMinor(o.getSubtotalMinor(), currency),
				Money.ofMinor(o.getDiscountMinor(), currency), Money.ofMinor(o.getShippingMinor(), currency),
				Money.ofMinor(o.getTaxMinor(), currency), Money.ofMinor(o.getTotalMinor(), currency),
				o.getPricesIncludeTax());
		return new Order(o.getId(), o.getNumber(), OrderStatus.valueOf(o.getStatus()), o.getEmail(), o.getCustomerId(),
				(market != null) ? market : "", o.getCountry(), o.getShippingMethod(), lines, totals,
				Money.ofMinor(o.getCapturedMinor(), currency), Money.ofMinor(o.getRefundedMinor(), currency),
				o.getPaymentProvider(),
				(o.getReservationExpiresAt() != null) ? o.getReservationExpiresAt().toInstant() : null,
				o.getCancelReason(), payments, fulfillments, refunds, notes, timeline, o.getPlacedAt().toInstant(),
				o.getUpdatedAt().toInstant());
	}

	// ---- staff actions

	@Override
	public Order capture(UUID id, Actor actor) {
		State state = state(id);
		OrdersRecord o = state.order();
		PaymentsRecord p = state.payment();
		OrderStatus status = OrderStatus.valueOf(o.getStatus());
		Money total = Money.ofMinor(o.getTotalMinor(), new CurrencyCode(o.getCurrency()));
		if (status == OrderStatus.PLACED) {
			if (!"manual".equals(o.getPaymentProvider())) {
				throw new OrderProblems.IllegalTransition("The payment is not authorized yet (it is "
						+ p.getStatus().toLowerCase(Locale.ROOT) + "); it completes when the shopper finishes paying.");
			}
			// Manual payment: staff confirm the money arrived; the reservation becomes a
			// sale.
			this.tx.executeWithoutResult((s) -> {
				String reference = (p.getReference() != null) ? p.getReference() : "manual-" + id;
				if (!this.ledger.markPaid(id, PaymentResult.of(PaymentStatus.CAPTURED, reference, total))) {
					throw new OrderProblems.IllegalTransition(
							"The order is no longer waiting for payment (its reservation may have expired).");
				}
				this.audit.record(actor, "order.captured", "order", id.toString(), Map.of("status", "placed"),
						Map.of("status", "paid", "captured", total.amount(), "currency", total.currency().code()));
			});
			return get(id);
		}
		if ("CAPTURED".equals(p.getStatus()) || "REFUNDED".equals(p.getStatus())) {
			throw new OrderProblems.IllegalTransition("The payment was already captured.");
		}
		if (!"AUTHORIZED".equals(p.getStatus()) || status == OrderStatus.CANCELLED) {
			throw new OrderProblems.IllegalTransition("Nothing to capture: the order is " + status.wire()
					+ " and its payment " + p.getStatus().toLowerCase(Locale.ROOT) + ".");
		}
		PaymentResult result = provider(o).capture(p.getReference(), total, "order-" + id + "-capture");
		if (result.status() != PaymentStatus.CAPTURED) {
			throw new OrderProblems.PaymentFailed("The provider did not capture the payment: "
					+ ((result.failureMessage() != null) ? result.failureMessage() : result.status().name()));
		}
		this.tx.executeWithoutResult((s) -> {
			DSLContext dsl = this.db.dsl();
			dsl.update(PAYMENTS)
				.set(PAYMENTS.STATUS, "CAPTURED")
				.set(PAYMENTS.CAPTURED_MINOR, total.minor())
				.set(PAYMENTS.UPDATED_AT, OffsetDateTime.now())
				.where(PAYMENTS.ID.eq(p.getId()), PAYMENTS.STATUS.eq("AUTHORIZED"))
				.execute();
			dsl.update(ORDERS)
				.set(ORDERS.CAPTURED_MINOR, total.minor())
				.set(ORDERS.UPDATED_AT, OffsetDateTime.now())
				.where(ORDERS.ID.eq(id))
				.execute();
			this.audit.record(actor, "order.captured", "order", id.toString(), Map.of("payment", "authorized"),
					Map.of("payment", "captured", "captured", total.amount(), "currency", total.currency().code()));
		});
		return get(id);
	}

	@Override
	public Order fulfill(UUID id, List<Order.FulfilledLine> requested, @Nullable String carrier,
			@Nullable String trackingNumber, Actor actor) {
		List<FieldProblem> problems = new ArrayList<>();
		if (carrier != null && (carrier.isBlank() || carrier.length() > 100)) {
			problems.add(new FieldProblem("carrier", "must be 1 to 100 characters"));
		}
		if (trackingNumber != null && (trackingNumber.isBlank() || trackingNumber.length() > 100)) {
			problems.add(new FieldProblem("trackingNumber", "must be 1 to 100 characters"));
		}
		if (!problems.isEmpty()) {
			throw new CatalogProblems.Invalid(problems);
		}
		this.tx.executeWithoutResult((s) -> {
			DSLContext dsl = this.db.dsl();
			OrdersRecord o = dsl.selectFrom(ORDERS).where(ORDERS.ID.eq(id)).forUpdate().fetchOne();
			if (o == null) {
				throw new CatalogProblems.NotFound("order " + id);
			}
			OrderStatus status = OrderStatus.valueOf(o.getStatus());
			if (status != OrderStatus.PAID && status != OrderStatus.PARTIALLY_FULFILLED
					&& status != OrderStatus.PARTIALLY_REFUNDED) {
				throw new OrderProblems.IllegalTransition("An order that is " + status.wire() + " cannot be fulfilled"
						+ ((status == OrderStatus.PLACED) ? " before it is paid." : "."));
			}
			Map<UUID, OrderLinesRecord> lines = new LinkedHashMap<>();
			dsl.selectFrom(ORDER_LINES)
				.where(ORDER_LINES.ORDER_ID.eq(id))
				.orderBy(ORDER_LINES.POSITION)
				.forEach((l) -> lines.put(l.getId(), l));
			Map<UUID, Integer> ship = new LinkedHashMap<>();
			if (requested.isEmpty()) {
				lines.values()
					.stream()
					.filter((l) -> l.getQuantity() > l.getFulfilledQuantity())
					.forEach((l) -> ship.put(l.getId(), l.getQuantity() - l.getFulfilledQuantity()));
				if (ship.isEmpty()) {
					throw new OrderProblems.IllegalTransition("Everything in this order has shipped.");
				}
			}
			else {
				List<FieldProblem> invalid = new ArrayList<>();
				for (int i = 0; i < requested.size(); i++) {
					Order.FulfilledLine want = requested.get(i);
					OrderLinesRecord line = lines.get(want.lineId());
					int already = ship.getOrDefault(want.lineId(), 0);
					if (line == null) {
						invalid.add(new FieldProblem("lines[" + i + "].lineId", "is not a line of this order"));
					}
					else if (want.quantity() < 1
							|| already + want.quantity() > line.getQuantity() - line.getFulfilledQuantity()) {
						invalid.add(new FieldProblem("lines[" + i + "].quantity",
								"must be between 1 and " + (line.getQuantity() - line.getFulfilledQuantity() - already)
										+ ", the units of " + line.getSku() + " not yet shipped"));
					}
					else {
						ship.merge(want.lineId(), want.quantity(), Integer::sum);
					}
				}
				if (!invalid.isEmpty()) {
					throw new CatalogProblems.Invalid(invalid);
				}
			}
			UUID fulfillmentId = UUID.randomUUID();
			dsl.insertInto(FULFILLMENTS)
				.set(FULFILLMENTS.ID, fulfillmentId)
				.set(FULFILLMENTS.ORDER_ID, id)
				.set(FULFILLMENTS.CARRIER, (carrier != null) ? carrier.strip() : null)
				.set(FULFILLMENTS.TRACKING_NUMBER, (trackingNumber != null) ? trackingNumber.strip() : null)
				.set(FULFILLMENTS.ACTOR_TYPE, actor.type().name())
				.set(FULFILLMENTS.ACTOR_ID, actor.id())
				.execute();
			List<Map<String, Object>> eventLines = new ArrayList<>();
			int remaining = 0;
			for (OrderLinesRecord line : lines.values()) {
				int units = ship.getOrDefault(line.getId(), 0);
				if (units > 0) {
					dsl.insertInto(FULFILLMENT_LINES)
						.set(FULFILLMENT_LINES.FULFILLMENT_ID, fulfillmentId)
						.set(FULFILLMENT_LINES.ORDER_LINE_ID, line.getId())
						.set(FULFILLMENT_LINES.QUANTITY, units)
						.execute();
					dsl.update(ORDER_LINES)
						.set(ORDER_LINES.FULFILLED_QUANTITY, ORDER_LINES.FULFILLED_QUANTITY.plus(units))
						.where(ORDER_LINES.ID.eq(line.getId()))
						.execute();
					eventLines.add(Map.of("sku", line.getSku(), "quantity", units));
				}
				remaining += line.getQuantity() - line.getFulfilledQuantity() - units;
			}
			OrderStatus next = (status == OrderStatus.PARTIALLY_REFUNDED) ? status
					: (remaining == 0) ? OrderStatus.FULFILLED : OrderStatus.PARTIALLY_FULFILLED;
			dsl.update(ORDERS)
				.set(ORDERS.STATUS, next.name())
				.set(ORDERS.UPDATED_AT, OffsetDateTime.now())
				.where(ORDERS.ID.eq(id))
				.execute();
			Map<String, Object> payload = new LinkedHashMap<>();
			payload.put("orderId", id.toString());
			payload.put("number", o.getNumber());
			payload.put("fulfillmentId", fulfillmentId.toString());
			payload.put("carrier", carrier);
			payload.put("trackingNumber", trackingNumber);
			payload.put("lines", eventLines);
			payload.put("complete", remaining == 0);
			this.events.publish(EventTypes.ORDER_FULFILLED, "order", id.toString(), payload);
			this.audit.record(actor, "order.fulfilled", "order", id.toString(), Map.of("status", status.wire()),
					payload);
		});
		return get(id);
	}

	@Override
	public Order cancel(UUID id, String reason, Actor actor, boolean mayRefund) {
		if (reason == null || reason.isBlank() || reason.length() > 500) {
			throw CatalogProblems.Invalid.of("reason", "must be 1 to 500 characters");
		}
		State state = state(id);
		OrdersRecord o = state.order();
		PaymentsRecord p = state.payment();
		OrderStatus status = OrderStatus.valueOf(o.getStatus());
		if (status != OrderStatus.PLACED && status != OrderStatus.PAID) {
			throw new OrderProblems.IllegalTransition("Only orders that have not shipped can be cancelled; this one is "
					+ status.wire() + ((status == OrderStatus.CANCELLED) ? "." : "; refund it instead."));
		}
		// Undo the payment first: if the provider refuses, nothing has changed here.
		PaymentProvider provider = provider(o);
		long refundMinor = 0;
		PaymentResult undone = null;
		if ("AUTHORIZED".equals(p.getStatus())
				|| (status == OrderStatus.PLACED && p.getReference() != null && !"manual".equals(p.getProvider()))) {
			undone = provider.voidAuthorization(p.getReference(), "order-" + id + "-void");
			if (undone.status() == PaymentStatus.FAILED && "AUTHORIZED".equals(p.getStatus())) {
				throw new OrderProblems.PaymentFailed("The provider did not void the authorization: "
						+ undone.failureMessage() + " Nothing was changed.");
			}
		}
		else if ("CAPTURED".equals(p.getStatus())) {
			refundMinor = p.getCapturedMinor() - p.getRefundedMinor();
			if (refundMinor > 0) {
				if (!mayRefund) {
					throw new OrderProblems.PaymentsPermissionRequired();
				}
				// Hold the amount on the order as it was checked (compare-and-set), so
				// neither a refund nor a capture can change it while the provider
				// refunds.
				long hold = refundMinor;
				this.tx.executeWithoutResult((s) -> {
					if (this.db.dsl()
						.update(ORDERS)
						.set(ORDERS.REFUNDED_MINOR, ORDERS.REFUNDED_MINOR.plus(hold))
						.set(ORDERS.UPDATED_AT, OffsetDateTime.now())
						.where(ORDERS.ID.eq(id), ORDERS.STATUS.eq("PAID"),
								ORDERS.CAPTURED_MINOR.eq(o.getCapturedMinor()),
								ORDERS.REFUNDED_MINOR.eq(o.getRefundedMinor()))
						.execute() != 1) {
						throw new OrderProblems.IllegalTransition("The order changed meanwhile; reload it.");
					}
				});
				Money amount = Money.ofMinor(refundMinor, new CurrencyCode(o.getCurrency()));
				try {
					undone = provider.refund(p.getReference(), amount, "order-" + id + "-cancel-refund");
				}
				catch (RuntimeException ex) {
					releaseCancelHold(id, hold);
					throw ex;
				}
				if (undone.status() != PaymentStatus.REFUNDED) {
					releaseCancelHold(id, hold);
					throw new OrderProblems.PaymentFailed("The provider did not refund the payment: "
							+ undone.failureMessage() + " Nothing was changed.");
				}
			}
		}
		else if (!mayRefund && o.getCapturedMinor() > o.getRefundedMinor()) {
			throw new OrderProblems.PaymentsPermissionRequired();
		}
		long refunded = refundMinor;
		PaymentResult result = undone;
		String why = CancelReasons.byStaff(reason);
		this.tx.executeWithoutResult((s) -> {
			DSLContext dsl = this.db.dsl();
			if (status == OrderStatus.PLACED) {
				if (!this.ledger.failPlaced(id, why, null, false, false)) {
					throw new OrderProblems.IllegalTransition("The order changed meanwhile; reload it.");
				}
			}
			else {
				// Changed only as it was checked: nothing captured or refunded meanwhile
				// (the refund's own hold included), the payment as it was read.
				OrdersRecord cancelled = dsl.update(ORDERS)
					.set(ORDERS.STATUS, "CANCELLED")
					.set(ORDERS.CANCEL_REASON, why)
					.set(ORDERS.UPDATED_AT, OffsetDateTime.now())
					.where(ORDERS.ID.eq(id), ORDERS.STATUS.eq("PAID"), ORDERS.CAPTURED_MINOR.eq(o.getCapturedMinor()),
							ORDERS.REFUNDED_MINOR.eq(o.getRefundedMinor() + refunded))
					.returning()
					.fetchOne();
				if (cancelled == null || (!mayRefund && cancelled.getCapturedMinor() > o.getRefundedMinor())) {
					throw new OrderProblems.IllegalTransition("The order changed meanwhile; reload it.");
				}
				this.inventory.restock(id);
				if (dsl.update(PAYMENTS)
					.set(PAYMENTS.STATUS, (refunded > 0) ? "REFUNDED" : "VOIDED")
					.set(PAYMENTS.REFUNDED_MINOR, PAYMENTS.REFUNDED_MINOR.plus(refunded))
					.set(PAYMENTS.UPDATED_AT, OffsetDateTime.now())
					.where(PAYMENTS.ID.eq(p.getId()), PAYMENTS.STATUS.eq(p.getStatus()))
					.execute() != 1) {
					throw new OrderProblems.IllegalTransition("The order's payment changed meanwhile; reload it.");
				}
				if (refunded > 0) {
					recordRefund(dsl, o, p, refunded, why, (result != null) ? result.reference() : null, actor);
				}
				this.events.publish(EventTypes.ORDER_CANCELLED, "order", id.toString(),
						Map.of("orderId", id.toString(), "number", o.getNumber(), "reason", why));
			}
			this.audit.record(actor, "order.cancelled", "order", id.toString(), Map.of("status", status.wire()),
					Map.of("status", "cancelled", "reason", reason.strip()));
		});
		return get(id);
	}

	@Override
	public Order refund(UUID id, String amount, String reason, Actor actor) {
		List<FieldProblem> problems = new ArrayList<>();
		if (reason == null || reason.isBlank() || reason.length() > 500) {
			problems.add(new FieldProblem("reason", "must be 1 to 500 characters"));
		}
		if (amount == null) {
			problems.add(new FieldProblem("amount", "is required"));
		}
		if (!problems.isEmpty()) {
			throw new CatalogProblems.Invalid(problems);
		}
		State state = state(id);
		OrdersRecord o = state.order();
		PaymentsRecord p = state.payment();
		OrderStatus status = OrderStatus.valueOf(o.getStatus());
		CurrencyCode currency = new CurrencyCode(o.getCurrency());
		Money money;
		try {
			money = Money.parse(amount, currency);
		}
		catch (IllegalArgumentException ex) {
			throw CatalogProblems.Invalid.of("amount", ex.getMessage());
		}
		if (!status.canBecome(OrderStatus.REFUNDED) && !status.canBecome(OrderStatus.PARTIALLY_REFUNDED)) {
			throw new OrderProblems.IllegalTransition("An order that is " + status.wire() + " cannot be refunded"
					+ ((status == OrderStatus.PLACED) ? "; cancel it instead." : "."));
		}
		long refundable = o.getCapturedMinor() - o.getRefundedMinor();
		if (o.getCapturedMinor() == 0) {
			throw new OrderProblems.IllegalTransition(
					"Nothing was captured yet; capture the payment first, or cancel the order.");
		}
		if (money.minor() <= 0 || money.minor() > refundable) {
			throw CatalogProblems.Invalid.of("amount", "must be more than 0 and at most "
					+ Money.ofMinor(refundable, currency).amount() + " " + currency + ", what is left to refund");
		}
		// 1. Hold the amount, so two refunds at once cannot exceed what was captured.
		UUID refundId = UUID.randomUUID();
		this.tx.executeWithoutResult((s) -> {
			DSLContext dsl = this.db.dsl();
			int held = dsl.update(ORDERS)
				.set(ORDERS.REFUNDED_MINOR, ORDERS.REFUNDED_MINOR.plus(money.minor()))
				.set(ORDERS.UPDATED_AT, OffsetDateTime.now())
				.where(ORDERS.ID.eq(id), ORDERS.REFUNDED_MINOR.plus(money.minor()).le(ORDERS.CAPTURED_MINOR),
						ORDERS.STATUS.in("PAID", "PARTIALLY_FULFILLED", "FULFILLED", "PARTIALLY_REFUNDED"))
				.execute();
			if (held == 0) {
				throw new OrderProblems.IllegalTransition("The order changed meanwhile; reload it.");
			}
			dsl.insertInto(REFUNDS)
				.set(REFUNDS.ID, refundId)
				.set(REFUNDS.ORDER_ID, id)
				.set(REFUNDS.PAYMENT_ID, p.getId())
				.set(REFUNDS.AMOUNT_MINOR, money.minor())
				.set(REFUNDS.REASON, reason.strip())
				.set(REFUNDS.ACTOR_TYPE, actor.type().name())
				.set(REFUNDS.ACTOR_ID, actor.id())
				.set(REFUNDS.CONFIRMED, false)
				.execute();
		});
		// 2. Ask the provider, with no transaction open.
		PaymentResult result;
		try {
			result = provider(o).refund(p.getReference(), money, "refund-" + refundId);
		}
		catch (RuntimeException ex) {
			releaseHold(id, refundId, money.minor());
			throw ex;
		}
		if (result.status() != PaymentStatus.REFUNDED) {
			releaseHold(id, refundId, money.minor());
			throw new OrderProblems.PaymentFailed("The provider refused the refund: "
					+ ((result.failureMessage() != null) ? result.failureMessage() : result.status().name()));
		}
		// 3. Record the outcome.
		this.tx.executeWithoutResult((s) -> {
			DSLContext dsl = this.db.dsl();
			dsl.update(REFUNDS)
				.set(REFUNDS.REFERENCE, result.reference())
				.set(REFUNDS.CONFIRMED, true)
				.where(REFUNDS.ID.eq(refundId))
				.execute();
			OrdersRecord after = dsl.fetchSingle(ORDERS, ORDERS.ID.eq(id));
			boolean full = after.getRefundedMinor() >= after.getTotalMinor();
			dsl.update(PAYMENTS)
				.set(PAYMENTS.REFUNDED_MINOR, PAYMENTS.REFUNDED_MINOR.plus(money.minor()))
				.set(PAYMENTS.STATUS, full ? "REFUNDED" : "CAPTURED")
				.set(PAYMENTS.UPDATED_AT, OffsetDateTime.now())
				.where(PAYMENTS.ID.eq(p.getId()))
				.execute();
			String next = full ? "REFUNDED" : "PARTIALLY_REFUNDED";
			dsl.update(ORDERS)
				.set(ORDERS.STATUS, next)
				.set(ORDERS.UPDATED_AT, OffsetDateTime.now())
				.where(ORDERS.ID.eq(id))
				.execute();
			Map<String, Object> payload = new LinkedHashMap<>();
			payload.put("orderId", id.toString());
			payload.put("number", o.getNumber());
			payload.put("refundId", refundId.toString());
			payload.put("amount", money.amount());
			payload.put("currency", currency.code());
			payload.put("totalRefunded", Money.ofMinor(after.getRefundedMinor(), currency).amount());
			payload.put("reason", reason.strip());
			this.events.publish(EventTypes.ORDER_REFUNDED, "order", id.toString(), payload);
			this.audit.record(actor, "order.refunded", "order", id.toString(),
					Map.of("status", status.wire(), "refunded", Money.ofMinor(o.getRefundedMinor(), currency).amount()),
					payload);
		});
		return get(id);
	}

	private void releaseCancelHold(UUID id, long minor) {
		this.tx.executeWithoutResult((s) -> this.db.dsl()
			.update(ORDERS)
			.set(ORDERS.REFUNDED_MINOR, ORDERS.REFUNDED_MINOR.minus(minor))
			.where(ORDERS.ID.eq(id))
			.execute());
	}

	private void releaseHold(UUID id, UUID refundId, long minor) {
		this.tx.executeWithoutResult((s) -> {
			DSLContext dsl = this.db.dsl();
			dsl.deleteFrom(REFUNDS).where(REFUNDS.ID.eq(refundId)).execute();
			dsl.update(ORDERS)
				.set(ORDERS.REFUNDED_MINOR, ORDERS.REFUNDED_MINOR.minus(minor))
				.where(ORDERS.ID.eq(id))
				.execute();
		});
	}

	private void recordRefund(DSLContext dsl, OrdersRecord o, PaymentsRecord p, long minor, String reason,
			@Nullable String reference, Actor actor) {
		UUID refundId = UUID.randomUUID();
		CurrencyCode currency = new CurrencyCode(o.getCurrency());
		dsl.insertInto(REFUNDS)
			.set(REFUNDS.ID, refundId)
			.set(REFUNDS.ORDER_ID, o.getId())
			.set(REFUNDS.PAYMENT_ID, p.getId())
			.set(REFUNDS.AMOUNT_MINOR, minor)
			.set(REFUNDS.REASON, reason)
			.set(REFUNDS.REFERENCE, reference)
			.set(REFUNDS.ACTOR_TYPE, actor.type().name())
			.set(REFUNDS.ACTOR_ID, actor.id())
			.execute();
		this.events.publish(EventTypes.ORDER_REFUNDED, "order", o.getId().toString(),
				Map.of("orderId", o.getId().toString(), "number", o.getNumber(), "refundId", refundId.toString(),
						"amount", Money.ofMinor(minor, currency).amount(), "currency", currency.code(), "reason",
						reason));
	}

	@Override
	public Order addNote(UUID id, String body, Actor actor) {
		if (body == null || body.isBlank() || body.length() > 2000) {
			throw CatalogProblems.Invalid.of("body", "must be 1 to 2000 characters");
		}
		this.tx.executeWithoutResult((s) -> {
			DSLContext dsl = this.db.dsl();
			if (!dsl.fetchExists(ORDERS, ORDERS.ID.eq(id))) {
				throw new CatalogProblems.NotFound("order " + id);
			}
			UUID noteId = UUID.randomUUID();
			dsl.insertInto(ORDER_NOTES)
				.set(ORDER_NOTES.ID, noteId)
				.set(ORDER_NOTES.ORDER_ID, id)
				.set(ORDER_NOTES.BODY, body.strip())
				.set(ORDER_NOTES.ACTOR_TYPE, actor.type().name())
				.set(ORDER_NOTES.ACTOR_ID, actor.id())
				.set(ORDER_NOTES.ACTOR_NAME, actor.name())
				.execute();
			this.audit.record(actor, "order.note-added", "order", id.toString(), null,
					Map.of("noteId", noteId.toString(), "body", body.strip()));
		});
		return get(id);
	}

	// ---- provider events and expiry

	@Override
	public boolean applyProviderEvent(String provider, ProviderEvent event) {
		Boolean[] voidLate = { false };
		String[] reference = { null };
		UUID[] orderId = { null };
		Boolean fresh = this.tx.execute((s) -> {
			DSLContext dsl = this.db.dsl();
			int inserted = dsl.insertInto(PROVIDER_EVENTS)
				.set(PROVIDER_EVENTS.PROVIDER, provider)
				.set(PROVIDER_EVENTS.EVENT_ID, event.id())
				.set(PROVIDER_EVENTS.TYPE, event.type())
				.onConflictDoNothing()
				.execute();
			if (inserted == 0) {
				return false;
			}
			if (event.reference() == null || event.status() == null) {
				return true;
			}
			PaymentsRecord p = dsl.selectFrom(PAYMENTS)
				.where(PAYMENTS.PROVIDER.eq(provider), PAYMENTS.REFERENCE.eq(event.reference()))
				.fetchOne();
			if (p == null) {
				log.info("Ignoring {} event {} for unknown payment {}", provider, event.id(), event.reference());
				return true;
			}
			OrdersRecord o = dsl.fetchSingle(ORDERS, ORDERS.ID.eq(p.getOrderId()));
			OrderStatus status = OrderStatus.valueOf(o.getStatus());
			Money amount = (event.amount() != null) ? event.amount()
					: Money.ofMinor(o.getTotalMinor(), new CurrencyCode(o.getCurrency()));
			switch (event.status()) {
				case AUTHORIZED, CAPTURED -> {
					if (status == OrderStatus.PLACED) {
						this.ledger.markPaid(o.getId(), PaymentResult.of(event.status(), event.reference(), amount));
					}
					else if (status == OrderStatus.CANCELLED && !"VOIDED".equals(p.getStatus())
							&& !"REFUNDED".equals(p.getStatus()) && event.status() == PaymentStatus.AUTHORIZED) {
						voidLate[0] = true;
						reference[0] = event.reference();
						orderId[0] = o.getId();
					}
					else if (event.status() == PaymentStatus.CAPTURED && "AUTHORIZED".equals(p.getStatus())) {
						dsl.update(PAYMENTS)
							.set(PAYMENTS.STATUS, "CAPTURED")
							.set(PAYMENTS.CAPTURED_MINOR, amount.minor())
							.where(PAYMENTS.ID.eq(p.getId()))
							.execute();
						dsl.update(ORDERS)
							.set(ORDERS.CAPTURED_MINOR, amount.minor())
							.where(ORDERS.ID.eq(o.getId()))
							.execute();
					}
				}
				case FAILED, VOIDED -> {
					if (status == OrderStatus.PLACED) {
						this.ledger.failPlaced(o.getId(), CancelReasons.FAILED_AT_PROVIDER, PaymentResult
							.failed(event.reference(), amount, event.type(), "The payment failed at the provider."),
								false, true);
					}
				}
				default -> {
				}
			}
			return true;
		});
		if (Boolean.TRUE.equals(voidLate[0]) && reference[0] != null) {
			try {
				this.providers.provider(provider).voidAuthorization(reference[0], "order-" + orderId[0] + "-void-late");
			}
			catch (RuntimeException ex) {
				log.error("Could not void late authorization {} of cancelled order {}: {}", reference[0], orderId[0],
						ex.toString());
			}
		}
		return Boolean.TRUE.equals(fresh);
	}

	@Override
	public boolean expire(UUID id) {
		Boolean released = this.tx.execute((s) -> {
			boolean done = this.ledger.failPlaced(id, CancelReasons.RESERVATION_EXPIRED, null, true, true);
			if (!done) {
				OrdersRecord o = this.db.dsl().fetchOne(ORDERS, ORDERS.ID.eq(id));
				if (o == null || !"PLACED".equals(o.getStatus())) {
					this.ledger.forgetExpiry(id);
				}
			}
			return done;
		});
		if (Boolean.TRUE.equals(released)) {
			// A card payment the shopper never finished must not be completable any more.
			PaymentsRecord p = this.readOnly.execute((s) -> this.db.dsl()
				.selectFrom(PAYMENTS)
				.where(PAYMENTS.ORDER_ID.eq(id))
				.orderBy(PAYMENTS.CREATED_AT.desc())
				.limit(1)
				.fetchOne());
			if (p != null && p.getReference() != null && !"manual".equals(p.getProvider())) {
				try {
					this.providers.provider(p.getProvider())
						.voidAuthorization(p.getReference(), "order-" + id + "-expire");
				}
				catch (RuntimeException ex) {
					log.warn("Could not cancel payment {} of expired order {}: {}", p.getReference(), id,
							ex.toString());
				}
			}
		}
		return Boolean.TRUE.equals(released);
	}

	// ---- helpers

	private State state(UUID id) {
		return this.readOnly.execute((s) -> {
			DSLContext dsl = this.db.dsl();
			OrdersRecord o = dsl.fetchOne(ORDERS, ORDERS.ID.eq(id));
			if (o == null) {
				throw new CatalogProblems.NotFound("order " + id);
			}
			PaymentsRecord p = dsl.selectFrom(PAYMENTS)
				.where(PAYMENTS.ORDER_ID.eq(id))
				.orderBy(PAYMENTS.CREATED_AT.desc())
				.limit(1)
				.fetchSingle();
			return new State(o, p);
		});
	}

	private PaymentProvider provider(OrdersRecord o) {
		return this.providers.provider(o.getPaymentProvider());
	}

	private record State(OrdersRecord order, PaymentsRecord payment) {
	}

}

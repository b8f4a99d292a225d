package com.atelier.platform.orders.internal;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.atelier.platform.events.EventTypes;
import com.atelier.platform.events.Events;
import com.atelier.platform.inventory.Inventory;
import com.atelier.platform.inventory.VariantStock;
import com.atelier.platform.jooq.tenant_template.tables.records.OrdersRecord;
import com.atelier.platform.money.CurrencyCode;
import com.atelier.platform.money.Money;
import com.atelier.platform.orders.CancelReasons;
import com.atelier.platform.payments.PaymentResult;
import com.atelier.platform.payments.PaymentStatus;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantDsl;

import static com.atelier.platform.jooq.platform.Tables.RESERVATION_EXPIRIES;
import static com.atelier.platform.jooq.tenant_template.Tables.CARTS;
import static com.atelier.platform.jooq.tenant_template.Tables.CHECKOUT_SETTINGS;
import static com.atelier.platform.jooq.tenant_template.Tables.ORDERS;
import static com.atelier.platform.jooq.tenant_template.Tables.PAYMENTS;

/**
 * The transitions a placed order goes through when its payment settles, shared by
 * checkout, webhooks, staff and the expiry job. Each runs in the caller's transaction and
 * is a conditional update on the order's status, so two of them racing (a late payment
 * and the expiry job, a webhook and the checkout response) cannot both win.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class OrderLedger {

	private final TenantDsl db;

	private final Inventory inventory;

	private final Events events;

	OrderLedger(TenantDsl db, Inventory inventory, Events events) {
		this.db = db;
		this.inventory = inventory;
		this.events = events;
	}

	/**
	 * What an authorization did to a placed order.
	 */
	enum Outcome {

		/** The order is paid and its stock taken. */
		PAID,

		/** Still placed: the money comes later, or the shopper must act. */
		WAITING,

		/** The payment failed: the stock was released and the order cancelled. */
		FAILED,

		/**
		 * The order was no longer placed (expired or cancelled): the payment must be
		 * undone.
		 */
		TOO_LATE

	}

	Outcome applyAuthorization(UUID orderId, PaymentResult result) {
		return switch (result.status()) {
			case AUTHORIZED, CAPTURED -> markPaid(orderId, result) ? Outcome.PAID : Outcome.TOO_LATE;
			case PENDING, REQUIRES_ACTION -> {
				this.db.dsl()
					.update(PAYMENTS)
					.set(PAYMENTS.STATUS, result.status().name())
					.set(PAYMENTS.REFERENCE, result.reference())
					.set(PAYMENTS.UPDATED_AT, OffsetDateTime.now())
					.where(PAYMENTS.ORDER_ID.eq(orderId), PAYMENTS.STATUS.in("PENDING", "REQUIRES_ACTION"))
					.execute();
				yield Outcome.WAITING;
			}
			case FAILED, VOIDED -> {
				String message = (result.failureMessage() != null) ? result.failureMessage() : "declined";
				failPlaced(orderId, CancelReasons.paymentFailed(message), result, false, true);
				yield Outcome.FAILED;
			}
			case REFUNDED -> throw new IllegalArgumentException("an authorization cannot answer REFUNDED");
		};
	}

	/**
	 * Placed to paid: the reservation becomes sold stock, the payment records the
	 * provider's answer, OrderPaid (and StockLow) are written.
	 * @return false when the order was no longer placed
	 */
	boolean markPaid(UUID orderId, PaymentResult result) {
		DSLContext dsl = this.db.dsl();
		boolean captured = result.status() == PaymentStatus.CAPTURED;
		OrdersRecord order = dsl.update(ORDERS)
			.set(ORDERS.STATUS, "PAID")
			.set(ORDERS.RESERVATION_EXPIRES_AT, (OffsetDateTime) null)
			.set(ORDERS.CAPTURED_MINOR, captured ? ORDERS.TOTAL_MINOR : ORDERS.CAPTURED_MINOR)
			.set(ORDERS.UPDATED_AT, OffsetDateTime.now())
			.where(ORDERS.ID.eq(orderId), ORDERS.STATUS.eq("PLACED"))
			.returning()
			.fetchOne();
		if (order == null) {
			return false;
		}
		int threshold = dsl.select(CHECKOUT_SETTINGS.LOW_STOCK_THRESHOLD)
			.from(CHECKOUT_SETTINGS)
			.fetchOptional(CHECKOUT_SETTINGS.LOW_STOCK_THRESHOLD)
			.orElse(3);
		List<VariantStock> low = this.inventory.commit(orderId, threshold);
		dsl.update(PAYMENTS)
			.set(PAYMENTS.STATUS, result.status().name())
			.set(PAYMENTS.REFERENCE, result.reference())
			.set(PAYMENTS.CAPTURED_MINOR, captured ? PAYMENTS.AMOUNT_MINOR : PAYMENTS.CAPTURED_MINOR)
			.set(PAYMENTS.UPDATED_AT, OffsetDateTime.now())
			.where(PAYMENTS.ORDER_ID.eq(orderId), PAYMENTS.STATUS.in("PENDING", "REQUIRES_ACTION", "AUTHORIZED"))
			.execute();
		forgetExpiry(orderId);
		Money total = Money.ofMinor(order.getTotalMinor(), new CurrencyCode(order.getCurrency()));
		Map<String, Object> paid = new LinkedHashMap<>();
		paid.put("orderId", orderId.toString());
		paid.put("number", order.getNumber());
		paid.put("total", total.amount());
		paid.put("currency", total.currency().code());
		paid.put("payment", result.status().name().toLowerCase(java.util.Locale.ROOT));
		this.events.publish(EventTypes.ORDER_PAID, "order", orderId.toString(), paid);
		for (VariantStock stock : low) {
			this.events.publish(EventTypes.STOCK_LOW, "variant", stock.variantId().toString(),
					Map.of("variantId", stock.variantId().toString(), "sku", stock.sku(), "available",
							stock.available(), "threshold", threshold));
		}
		return true;
	}

	/**
	 * Placed to cancelled: the reservation is released, the payment marked, the cart
	 * reopened so the shopper can try again, OrderCancelled written.
	 * @param onlyIfExpired only when the reservation's time is up (the expiry job)
	 * @param reopenCart whether the shopper's cart takes changes again (not when staff
	 * cancel)
	 * @return false when the order was no longer placed (or not yet expired)
	 */
	boolean failPlaced(UUID orderId, String reason, @Nullable PaymentResult result, boolean onlyIfExpired,
			boolean reopenCart) {
		DSLContext dsl = this.db.dsl();
		var update = dsl.update(ORDERS)
			.set(ORDERS.STATUS, "CANCELLED")
			.set(ORDERS.CANCEL_REASON, reason)
			.set(ORDERS.RESERVATION_EXPIRES_AT, (OffsetDateTime) null)
			.set(ORDERS.UPDATED_AT, OffsetDateTime.now())
			.where(ORDERS.ID.eq(orderId), ORDERS.STATUS.eq("PLACED"));
		if (onlyIfExpired) {
			update = update.and(ORDERS.RESERVATION_EXPIRES_AT.le(OffsetDateTime.now()));
		}
		OrdersRecord order = update.returning().fetchOne();
		if (order == null) {
			return false;
		}
		this.inventory.release(orderId);
		PaymentStatus status = (result != null) ? result.status() : PaymentStatus.VOIDED;
		dsl.update(PAYMENTS)
			.set(PAYMENTS.STATUS, (status == PaymentStatus.FAILED) ? "FAILED" : "VOIDED")
			.set(PAYMENTS.REFERENCE, (result != null) ? org.jooq.impl.DSL.val(result.reference()) : PAYMENTS.REFERENCE)
			.set(PAYMENTS.FAILURE_CODE, (result != null) ? result.failureCode() : null)
			.set(PAYMENTS.FAILURE_MESSAGE, (result != null) ? result.failureMessage() : reason)
			.set(PAYMENTS.UPDATED_AT, OffsetDateTime.now())
			.where(PAYMENTS.ORDER_ID.eq(orderId), PAYMENTS.STATUS.in("PENDING", "REQUIRES_ACTION", "AUTHORIZED"))
			.execute();
		forgetExpiry(orderId);
		if (reopenCart) {
			reopenCart(dsl, order);
		}
		this.events.publish(EventTypes.ORDER_CANCELLED, "order", orderId.toString(),
				Map.of("orderId", orderId.toString(), "number", order.getNumber(), "reason", reason));
		return true;
	}

	/** The shopper's cart takes changes again, unless they have started another one. */
	private static void reopenCart(DSLContext dsl, OrdersRecord order) {
		var other = CARTS.as("other");
		dsl.update(CARTS)
			.set(CARTS.STATUS, "OPEN")
			.set(CARTS.UPDATED_AT, OffsetDateTime.now())
			.where(CARTS.ID.eq(order.getCartId()), CARTS.STATUS.eq("CHECKED_OUT"))
			.and(CARTS.CUSTOMER_ID.isNull()
				.or(org.jooq.impl.DSL.notExists(org.jooq.impl.DSL.selectOne()
					.from(other)
					.where(other.CUSTOMER_ID.eq(CARTS.CUSTOMER_ID), other.STATUS.eq("OPEN")))))
			.execute();
	}

	void forgetExpiry(UUID orderId) {
		this.db.dsl()
			.deleteFrom(RESERVATION_EXPIRIES)
			.where(RESERVATION_EXPIRIES.TENANT_ID.eq(TenantContext.require().id().value()),
					RESERVATION_EXPIRIES.ORDER_ID.eq(orderId))
			.execute();
	}

}

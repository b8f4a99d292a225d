package com.atelier.platform.orders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.atelier.platform.catalog.Page;
import com.atelier.platform.identity.Actor;
import com.atelier.platform.payments.ProviderEvent;

/**
 * Orders of the current tenant. Every change is audited and writes its event to the
 * outbox in the same transaction; calls to payment providers happen outside transactions.
 */
public interface Orders {

	/**
	 * Newest first.
	 * @param filter filters
	 * @param after cursor, or null
	 * @param limit 1 to 200
	 * @return a page
	 */
	Page<OrderSummary> list(Filter filter, @Nullable String after, int limit);

	/**
	 * @throws com.atelier.platform.catalog.CatalogProblems.NotFound when there is no such
	 * order in this brand
	 */
	Order get(UUID id);

	/** The order if it belongs to the customer, else not found. */
	Order getForCustomer(UUID customerId, UUID id);

	/**
	 * Takes the payment: captures the authorization, or (manual) records that the money
	 * arrived, which also confirms the reserved stock of a placed order.
	 */
	Order capture(UUID id, Actor actor);

	/**
	 * Ships units.
	 * @param id order
	 * @param lines units per order line; empty ships everything not yet shipped
	 * @param carrier carrier, or null
	 * @param trackingNumber tracking number, or null
	 * @param actor who
	 * @return the order, {@code partially_fulfilled} or {@code fulfilled}
	 */
	Order fulfill(UUID id, List<Order.FulfilledLine> lines, @Nullable String carrier, @Nullable String trackingNumber,
			Actor actor);

	/**
	 * Cancels an order nothing of which has shipped: releases reserved stock or puts
	 * taken stock back, voids an authorization and refunds a capture.
	 */
	default Order cancel(UUID id, String reason, Actor actor) {
		return cancel(id, reason, actor, true);
	}

	/**
	 * As {@link #cancel(UUID, String, Actor)}.
	 * @param mayRefund whether the actor may move money ({@code payments:write}): without
	 * it, an order whose payment was captured (so that cancelling refunds it) is refused
	 * with {@link OrderProblems.PaymentsPermissionRequired}. The check is made on the
	 * state the cancellation changes: a capture that lands meanwhile makes the
	 * cancellation fail instead.
	 */
	Order cancel(UUID id, String reason, Actor actor, boolean mayRefund);

	/**
	 * Refunds part or all of what was captured.
	 * @param id order
	 * @param amount decimal in the order's currency
	 * @param reason why
	 * @param actor who
	 * @return the order, {@code partially_refunded} or {@code refunded}
	 */
	Order refund(UUID id, String amount, String reason, Actor actor);

	Order addNote(UUID id, String body, Actor actor);

	/**
	 * Applies a verified provider webhook once: a late authorization confirms a placed
	 * order (or is voided when the order is already cancelled), a failure releases it.
	 * @param provider provider name
	 * @param event the event
	 * @return whether it was new (false: already processed, ignored)
	 */
	boolean applyProviderEvent(String provider, ProviderEvent event);

	/**
	 * Releases the stock of a placed order whose reservation has expired, and cancels it.
	 * @param id order
	 * @return whether it was released now (false: paid, cancelled or not yet expired)
	 */
	boolean expire(UUID id);

	/**
	 * @param status only this status, or null
	 * @param email only this shopper (any case), or null
	 * @param customerId only this customer, or null
	 * @param placedFrom placed at or after, or null
	 * @param placedBefore placed before, or null
	 */
	record Filter(@Nullable OrderStatus status, @Nullable String email, @Nullable UUID customerId,
			@Nullable Instant placedFrom, @Nullable Instant placedBefore) {

		public static Filter none() {
			return new Filter(null, null, null, null, null);
		}

	}

}

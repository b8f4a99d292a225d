package com.atelier.platform.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.atelier.platform.money.Money;

/**
 * An order with everything that happened to it.
 *
 * @param id id
 * @param number the number shoppers and staff quote, e.g. 1042
 * @param status status
 * @param email the shopper's email
 * @param customerId the customer, or null for a guest
 * @param market market handle
 * @param country shipping country
 * @param shippingMethod shipping method name, or null
 * @param lines lines
 * @param totals totals as charged
 * @param captured amount taken so far
 * @param refunded amount given back so far
 * @param paymentProvider {@code manual} or {@code stripe}
 * @param reservationExpiresAt while placed: when unpaid stock is released
 * @param cancelReason why it was cancelled, or null
 * @param payments payments
 * @param fulfillments shipments
 * @param refunds refunds
 * @param notes staff notes (admin only)
 * @param timeline events recorded by the order timeline subscriber
 * @param placedAt placed
 * @param updatedAt last change
 */
public record Order(UUID id, long number, OrderStatus status, String email, @Nullable UUID customerId, String market,
		String country, @Nullable String shippingMethod, List<Line> lines, Totals totals, Money captured,
		Money refunded, String paymentProvider, @Nullable Instant reservationExpiresAt, @Nullable String cancelReason,
		List<Payment> payments, List<Fulfillment> fulfillments, List<Refund> refunds, List<Note> notes,
		List<TimelineEntry> timeline, Instant placedAt, Instant updatedAt) {

	/**
	 * @param id id
	 * @param sku SKU
	 * @param title product title
	 * @param variantTitle variant title
	 * @param personalization engraving etc., or empty
	 * @param quantity units ordered
	 * @param fulfilledQuantity units shipped
	 * @param unitPrice unit price
	 * @param subtotal unit price × quantity
	 * @param taxRate the rate applied, e.g. 0.20000
	 * @param tax the line's tax
	 */
	public record Line(UUID id, String sku, String title, String variantTitle, String personalization, int quantity,
			int fulfilledQuantity, Money unitPrice, Money subtotal, BigDecimal taxRate, Money tax) {
	}

	/**
	 * @param id id
	 * @param provider provider name
	 * @param reference the provider's reference
	 * @param status status
	 * @param amount amount asked for
	 * @param captured taken
	 * @param refunded given back
	 * @param failureMessage the provider's message when it failed
	 */
	public record Payment(UUID id, String provider, @Nullable String reference, String status, Money amount,
			Money captured, Money refunded, @Nullable String failureMessage) {
	}

	/**
	 * @param id id
	 * @param carrier carrier
	 * @param trackingNumber tracking number
	 * @param lines units shipped per order line
	 * @param createdAt when
	 */
	public record Fulfillment(UUID id, @Nullable String carrier, @Nullable String trackingNumber,
			List<FulfilledLine> lines, Instant createdAt) {
	}

	/**
	 * @param lineId order line
	 * @param quantity units
	 */
	public record FulfilledLine(UUID lineId, int quantity) {
	}

	/**
	 * @param id id
	 * @param amount amount
	 * @param reason reason
	 * @param reference provider's refund reference
	 * @param createdAt when
	 */
	public record Refund(UUID id, Money amount, String reason, @Nullable String reference, Instant createdAt) {
	}

	/**
	 * @param id id
	 * @param body text
	 * @param author who wrote it
	 * @param createdAt when
	 */
	public record Note(UUID id, String body, String author, Instant createdAt) {
	}

	/**
	 * @param eventId outbox event id
	 * @param type event type
	 * @param occurredAt when
	 */
	public record TimelineEntry(UUID eventId, String type, Instant occurredAt) {
	}

}

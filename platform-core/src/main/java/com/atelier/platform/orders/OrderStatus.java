package com.atelier.platform.orders;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of an order. Transitions not listed in {@link #canBecome} are refused.
 */
public enum OrderStatus {

	/** Stock reserved until the reservation expires; waiting for payment. */
	PLACED,

	/** Payment secured (authorized or captured); stock taken from on hand. */
	PAID,

	PARTIALLY_FULFILLED,

	FULFILLED,

	/** Stock released or put back; any authorization voided, any capture refunded. */
	CANCELLED,

	PARTIALLY_REFUNDED,

	REFUNDED;

	/**
	 * @param next the status asked for
	 * @return whether this status may change to {@code next}
	 */
	public boolean canBecome(OrderStatus next) {
		return next(this).contains(next);
	}

	private static Set<OrderStatus> next(OrderStatus status) {
		return switch (status) {
			case PLACED -> EnumSet.of(PAID, CANCELLED);
			case PAID -> EnumSet.of(PARTIALLY_FULFILLED, FULFILLED, CANCELLED, PARTIALLY_REFUNDED, REFUNDED);
			case PARTIALLY_FULFILLED -> EnumSet.of(PARTIALLY_FULFILLED, FULFILLED, PARTIALLY_REFUNDED, REFUNDED);
			case FULFILLED -> EnumSet.of(PARTIALLY_REFUNDED, REFUNDED);
			case PARTIALLY_REFUNDED -> EnumSet.of(PARTIALLY_REFUNDED, REFUNDED, PARTIALLY_FULFILLED, FULFILLED);
			case CANCELLED, REFUNDED -> EnumSet.noneOf(OrderStatus.class);
		};
	}

	public String wire() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}

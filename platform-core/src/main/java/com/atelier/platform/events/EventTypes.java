package com.atelier.platform.events;

/**
 * The event types Atelier publishes. Payloads are documented in docs/events.md.
 */
public final class EventTypes {

	public static final String ORDER_PLACED = "OrderPlaced";

	public static final String ORDER_PAID = "OrderPaid";

	public static final String ORDER_FULFILLED = "OrderFulfilled";

	public static final String ORDER_CANCELLED = "OrderCancelled";

	public static final String ORDER_REFUNDED = "OrderRefunded";

	public static final String STOCK_LOW = "StockLow";

	private EventTypes() {
	}

}

package com.atelier.platform.orders;

/**
 * The reasons the platform records on an order it cancels itself ({@code cancelReason}),
 * so that reports can tell them apart: a reservation that ran out, a payment that failed
 * (every such reason starts with {@link #PAYMENT_PREFIX}), and staff cancellations
 * (starting with {@link #STAFF_PREFIX}, followed by the reason staff gave).
 */
public final class CancelReasons {

	/** The reservation ran out before the payment was confirmed. */
	public static final String RESERVATION_EXPIRED = "reservation expired";

	/** The start of every payment failure's reason. */
	public static final String PAYMENT_PREFIX = "payment ";

	/** The provider could not be reached at checkout. */
	public static final String PROVIDER_UNAVAILABLE = PAYMENT_PREFIX + "provider unavailable";

	/** The provider reported the payment failed (webhook). */
	public static final String FAILED_AT_PROVIDER = PAYMENT_PREFIX + "failed at the provider";

	/** The start of a staff cancellation's reason. */
	public static final String STAFF_PREFIX = "cancelled: ";

	private CancelReasons() {
	}

	/**
	 * @param message the provider's message
	 * @return the reason for a payment the provider refused
	 */
	public static String paymentFailed(String message) {
		return PAYMENT_PREFIX + "failed: " + message;
	}

	/**
	 * @param reason what staff gave
	 * @return the reason recorded
	 */
	public static String byStaff(String reason) {
		return STAFF_PREFIX + reason.strip();
	}

}

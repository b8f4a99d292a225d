package com.atelier.platform.payments;

/**
 * Where a payment stands at its provider.
 */
public enum PaymentStatus {

	/**
	 * Waiting for money that arrives outside the checkout (bank transfer, in boutique).
	 */
	PENDING,

	/** The shopper must act (e.g. 3-D Secure) before the amount is authorized. */
	REQUIRES_ACTION,

	/** The amount is held on the shopper's payment method. */
	AUTHORIZED,

	/** The amount was taken. */
	CAPTURED,

	/** The provider refused (declined card, invalid amount); nothing is held. */
	FAILED,

	/** The authorization was cancelled; nothing is held. */
	VOIDED,

	/** A refund was made. */
	REFUNDED

}

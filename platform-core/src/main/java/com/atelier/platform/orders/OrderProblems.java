package com.atelier.platform.orders;

import java.util.List;

import com.atelier.platform.problem.FieldProblem;
import com.atelier.platform.problem.ProblemException;
import com.atelier.platform.problem.ProblemType;

/**
 * Problems of carts, checkout and orders (docs/problems.md).
 */
public final class OrderProblems {

	public static final ProblemType ILLEGAL_TRANSITION = new ProblemType("order-state-conflict",
			"Not possible in the order's state", 409);

	public static final ProblemType CART_CLOSED = new ProblemType("cart-closed", "Cart already checked out", 409);

	public static final ProblemType CHECKOUT_INCOMPLETE = new ProblemType("checkout-incomplete", "Checkout incomplete",
			422);

	public static final ProblemType PURCHASE_LIMIT = new ProblemType("purchase-limit-exceeded",
			"Purchase limit exceeded", 409);

	public static final ProblemType RESERVATION_EXPIRED = new ProblemType("reservation-expired", "Reservation expired",
			409);

	public static final ProblemType AMOUNT_TOO_LARGE = new ProblemType("amount-too-large", "Amount too large", 422);

	public static final ProblemType UNPAID_ORDER_LIMIT = new ProblemType("unpaid-order-limit", "Too many unpaid orders",
			429);

	public static final ProblemType MANUAL_PAYMENT_STAFF_ONLY = new ProblemType("manual-payment-staff-only",
			"Manual payment taken by staff only", 422);

	private OrderProblems() {
	}

	/** The order cannot do this in its current state. */
	public static class IllegalTransition extends ProblemException {

		public IllegalTransition(String detail) {
			super(ILLEGAL_TRANSITION, detail);
		}

	}

	/** The cart was checked out (or merged) and takes no more changes. */
	public static class CartClosed extends ProblemException {

		public CartClosed() {
			super(CART_CLOSED, "This cart was already checked out; start a new cart.");
		}

	}

	/** Something checkout needs is missing; each missing field is listed. */
	public static class CheckoutIncomplete extends ProblemException {

		public CheckoutIncomplete(List<FieldProblem> problems) {
			super(CHECKOUT_INCOMPLETE,
					"The cart cannot be checked out yet: "
							+ String.join("; ", problems.stream().map((p) -> p.field() + " " + p.message()).toList()),
					problems);
		}

	}

	/** A customer would have more units of a limited piece than the brand allows. */
	public static class PurchaseLimitExceeded extends ProblemException {

		public PurchaseLimitExceeded(String detail) {
			super(PURCHASE_LIMIT, detail);
		}

	}

	/**
	 * A price times a quantity, or a cart's total, is larger than an amount can be; the
	 * change that led to it was not made.
	 */
	public static class AmountTooLarge extends ProblemException {

		public AmountTooLarge(String detail) {
			super(AMOUNT_TOO_LARGE, detail);
		}

	}

	/**
	 * A shopper (by e-mail, network address or device) already holds as many unpaid
	 * orders as the brand allows; nothing was reserved.
	 */
	public static class UnpaidOrderLimit extends ProblemException {

		private final int retryAfterSeconds;

		public UnpaidOrderLimit(String detail, int retryAfterSeconds) {
			super(UNPAID_ORDER_LIMIT, detail);
			this.retryAfterSeconds = retryAfterSeconds;
		}

		/** When the oldest of those orders will have expired at the latest. */
		public int retryAfterSeconds() {
			return this.retryAfterSeconds;
		}

	}

	/**
	 * The brand takes manual payments through its staff only, not from the storefront.
	 */
	public static class ManualPaymentStaffOnly extends ProblemException {

		public ManualPaymentStaffOnly() {
			super(MANUAL_PAYMENT_STAFF_ONLY, "This brand does not take manual payment (bank transfer) from the"
					+ " storefront; pay by card, or contact the brand.");
		}

	}

	/** Cancelling this order refunds its captured payment: a money movement. */
	public static class PaymentsPermissionRequired extends ProblemException {

		public PaymentsPermissionRequired() {
			super(com.atelier.platform.problem.Problems.FORBIDDEN,
					"Cancelling this order refunds its captured payment, which needs the payments:write permission.");
		}

	}

	/** Payment arrived after the reservation had expired; the payment was voided. */
	public static class ReservationExpired extends ProblemException {

		public ReservationExpired(String detail) {
			super(RESERVATION_EXPIRED, detail);
		}

	}

	/** The provider refused the payment; the stock was released and the cart reopened. */
	public static class PaymentFailed extends ProblemException {

		public PaymentFailed(String detail) {
			super(com.atelier.platform.payments.PaymentProblems.PAYMENT_FAILED, detail);
		}

	}

}

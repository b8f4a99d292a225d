package com.atelier.platform.payments;

import com.atelier.platform.problem.ProblemType;

/**
 * Problem types of payments (docs/problems.md).
 */
public final class PaymentProblems {

	public static final ProblemType PAYMENT_FAILED = new ProblemType("payment-failed", "Payment failed", 402);

	public static final ProblemType PROVIDER_UNAVAILABLE = new ProblemType("payment-provider-unavailable",
			"Payment provider unavailable", 503);

	public static final ProblemType INVALID_WEBHOOK = new ProblemType("invalid-webhook", "Invalid webhook", 400);

	public static final ProblemType PROVIDER_NOT_CONFIGURED = new ProblemType("payment-provider-not-configured",
			"Payment provider not configured", 422);

	private PaymentProblems() {
	}

}

package com.atelier.platform.payments;

import com.atelier.platform.problem.ProblemException;

/**
 * The provider could not be reached, timed out or answered with a server error. The call
 * may be retried with the same idempotency key.
 */
public class PaymentProviderUnavailable extends ProblemException {

	public PaymentProviderUnavailable(String detail, Throwable cause) {
		super(PaymentProblems.PROVIDER_UNAVAILABLE, detail, java.util.List.of(), cause);
	}

}

package com.atelier.platform.payments;

import com.atelier.platform.problem.ProblemException;

/**
 * The tenant has not configured the payment provider asked for, or there is no such
 * provider.
 */
public class ProviderNotConfigured extends ProblemException {

	public ProviderNotConfigured(String detail) {
		super(PaymentProblems.PROVIDER_NOT_CONFIGURED, detail);
	}

}

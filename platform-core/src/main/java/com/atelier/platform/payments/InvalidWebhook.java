package com.atelier.platform.payments;

import com.atelier.platform.problem.ProblemException;

/**
 * An incoming webhook whose signature is missing, wrong or too old, or whose body is not
 * an event. Nothing is processed.
 */
public class InvalidWebhook extends ProblemException {

	public InvalidWebhook(String detail) {
		super(PaymentProblems.INVALID_WEBHOOK, detail);
	}

}

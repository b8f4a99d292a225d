package com.atelier.platform.identity;

import com.atelier.platform.problem.ProblemException;

/**
 * An account with this email already exists.
 */
public class CustomerAlreadyExists extends ProblemException {

	public CustomerAlreadyExists() {
		super(IdentityProblems.CUSTOMER_EXISTS, "An account with this email already exists.");
	}

}

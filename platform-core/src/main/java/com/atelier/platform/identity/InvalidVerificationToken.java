package com.atelier.platform.identity;

import com.atelier.platform.problem.ProblemException;

/**
 * The verification token is invalid or was already used.
 */
public class InvalidVerificationToken extends ProblemException {

	public InvalidVerificationToken() {
		super(IdentityProblems.INVALID_TOKEN, "The verification token is invalid or was already used.");
	}

}

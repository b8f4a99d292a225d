package com.atelier.platform.identity;

import com.atelier.platform.problem.ProblemException;

/**
 * Only an owner may add, change or disable an owner.
 */
public class OwnerRequired extends ProblemException {

	public OwnerRequired() {
		super(IdentityProblems.OWNER_REQUIRED, "Only an owner may add, change or disable an owner.");
	}

}

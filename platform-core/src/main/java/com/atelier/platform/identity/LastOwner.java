package com.atelier.platform.identity;

import com.atelier.platform.problem.ProblemException;

/**
 * The brand must keep at least one active owner.
 */
public class LastOwner extends ProblemException {

	public LastOwner() {
		super(IdentityProblems.LAST_OWNER, "The brand must keep at least one active owner.");
	}

}

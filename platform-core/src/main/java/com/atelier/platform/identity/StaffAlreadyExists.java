package com.atelier.platform.identity;

import com.atelier.platform.problem.ProblemException;

/**
 * A staff member with this email already exists.
 */
public class StaffAlreadyExists extends ProblemException {

	public StaffAlreadyExists() {
		super(IdentityProblems.STAFF_EXISTS, "A staff member with this email already exists.");
	}

}

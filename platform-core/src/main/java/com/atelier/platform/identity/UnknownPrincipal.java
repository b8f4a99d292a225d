package com.atelier.platform.identity;

import com.atelier.platform.problem.ProblemException;
import com.atelier.platform.problem.Problems;

/**
 * No staff member, integration or operator matches, in this tenant.
 */
public class UnknownPrincipal extends ProblemException {

	public UnknownPrincipal(String detail) {
		super(Problems.NOT_FOUND, detail);
	}

}

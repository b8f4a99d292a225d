package com.atelier.platform.tenancy;

import com.atelier.platform.problem.ProblemException;
import com.atelier.platform.problem.Problems;

/**
 * A domain is already registered to a tenant.
 */
public class DomainAlreadyRegistered extends ProblemException {

	public DomainAlreadyRegistered(String domain) {
		super(TenancyProblems.DOMAIN_TAKEN,
				"The domain " + Problems.quote(domain) + " is already registered to a tenant.");
	}

}

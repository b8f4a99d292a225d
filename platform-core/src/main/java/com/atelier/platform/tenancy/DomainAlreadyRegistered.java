package com.atelier.platform.tenancy;

import com.atelier.platform.problem.ProblemException;

/**
 * A domain is already registered to a tenant.
 */
public class DomainAlreadyRegistered extends ProblemException {

	public DomainAlreadyRegistered(String domain) {
		super(TenancyProblems.DOMAIN_TAKEN, "The domain '" + domain + "' is already registered to a tenant.");
	}

}

package com.atelier.platform.tenancy;

import com.atelier.platform.problem.ProblemException;

/**
 * The tenant exists but is suspended: none of its APIs answer.
 */
public class TenantSuspended extends ProblemException {

	public TenantSuspended(TenantSlug slug) {
		super(TenancyProblems.TENANT_SUSPENDED, "The brand '" + slug + "' is suspended.");
	}

}

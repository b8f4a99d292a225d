package com.atelier.platform.tenancy;

import com.atelier.platform.problem.ProblemException;

/**
 * The slug is taken by a live tenant, by a deleted tenant (slugs are not reused), or its
 * schema already exists outside the directory.
 */
public class TenantAlreadyExists extends ProblemException {

	public TenantAlreadyExists(String detail) {
		super(TenancyProblems.TENANT_EXISTS, detail);
	}

}

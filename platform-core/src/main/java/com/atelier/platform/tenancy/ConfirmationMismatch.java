package com.atelier.platform.tenancy;

import com.atelier.platform.problem.ProblemException;

/**
 * A destructive command was not confirmed with the tenant's slug.
 */
public class ConfirmationMismatch extends ProblemException {

	public ConfirmationMismatch(TenantSlug slug) {
		super(TenancyProblems.CONFIRMATION_MISMATCH,
				"Deleting a tenant drops all its data; confirm with the slug itself (--confirm " + slug + ").");
	}

}

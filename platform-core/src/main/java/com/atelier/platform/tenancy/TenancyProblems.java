package com.atelier.platform.tenancy;

import com.atelier.platform.problem.ProblemType;

/**
 * The problem types of the tenancy feature.
 */
public final class TenancyProblems {

	public static final ProblemType UNKNOWN_TENANT = new ProblemType("unknown-tenant", "Unknown tenant", 404);

	public static final ProblemType TENANT_SUSPENDED = new ProblemType("tenant-suspended", "Tenant suspended", 403);

	public static final ProblemType TENANT_EXISTS = new ProblemType("tenant-exists", "Tenant already exists", 409);

	public static final ProblemType DOMAIN_TAKEN = new ProblemType("domain-taken", "Domain already registered", 409);

	public static final ProblemType CONFIRMATION_MISMATCH = new ProblemType("confirmation-mismatch",
			"Confirmation does not match", 400);

	public static final ProblemType PROVISIONING_FAILED = new ProblemType("provisioning-failed",
			"Tenant provisioning failed", 500);

	private TenancyProblems() {
	}

}

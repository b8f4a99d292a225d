package com.atelier.platform.tenancy;

import java.util.List;

import com.atelier.platform.problem.ProblemException;

/**
 * Creating a tenant failed part-way; everything the attempt created has been removed.
 */
public class TenantProvisioningFailed extends ProblemException {

	public TenantProvisioningFailed(TenantSlug slug, String step, Throwable cause) {
		super(TenancyProblems.PROVISIONING_FAILED, "Creating tenant '" + slug + "' failed while " + step
				+ "; nothing was kept. Cause: " + rootMessage(cause), List.of(), cause);
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return (message != null) ? message.strip() : root.getClass().getSimpleName();
	}

}

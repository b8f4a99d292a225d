package com.atelier.platform.tenancy;

import com.atelier.platform.problem.ProblemException;
import com.atelier.platform.problem.Problems;

/**
 * No live tenant matches the host or slug. Also raised for tenants still being
 * provisioned.
 */
public class UnknownTenant extends ProblemException {

	public UnknownTenant(String detail) {
		super(TenancyProblems.UNKNOWN_TENANT, detail);
	}

	public static UnknownTenant forHost(String host) {
		return new UnknownTenant("No brand is served at host " + Problems.quote(host) + ".");
	}

	public static UnknownTenant forSlug(String slug) {
		return new UnknownTenant("No tenant has the slug " + Problems.quote(slug) + ".");
	}

}

package com.atelier.platform.tenancy;

import com.atelier.platform.problem.ProblemException;

/**
 * No live tenant matches the host or slug. Also raised for tenants still being
 * provisioned.
 */
public class UnknownTenant extends ProblemException {

	public UnknownTenant(String detail) {
		super(TenancyProblems.UNKNOWN_TENANT, detail);
	}

	public static UnknownTenant forHost(String host) {
		return new UnknownTenant("No brand is served at host '" + host + "'.");
	}

	public static UnknownTenant forSlug(String slug) {
		return new UnknownTenant("No tenant has the slug '" + slug + "'.");
	}

}

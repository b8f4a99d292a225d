package com.atelier.platform.tenancy;

/**
 * Tenant data was reached with no tenant in context. Atelier fails closed: this is always
 * a programming error, never a reason to fall back to a default schema.
 */
public class NoTenantInContext extends IllegalStateException {

	public NoTenantInContext() {
		super("No tenant in context: set it at the edge (request filter, CLI command, job runner) with"
				+ " TenantContext before touching tenant data");
	}

}

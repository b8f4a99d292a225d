package com.atelier.platform.tenancy;

/**
 * Where a tenant is in its life. Only {@link #ACTIVE} tenants are served.
 */
public enum TenantStatus {

	/** Being created: the directory row exists, the schema may not. Never served. */
	PROVISIONING,

	/** Served normally. */
	ACTIVE,

	/** Every API of the tenant answers 403 until it is resumed. Data is kept. */
	SUSPENDED

}

package com.atelier.platform.tenancy;

/**
 * The outcome of the last attempt to apply the tenant changelog to a tenant's schema.
 */
public enum MigrationState {

	/** Never migrated (the tenant is still being provisioned). */
	PENDING,

	/** The last migration succeeded. */
	OK,

	/** The last migration failed; the error is kept in the directory. */
	FAILED

}

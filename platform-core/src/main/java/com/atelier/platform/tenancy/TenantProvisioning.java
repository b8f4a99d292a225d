package com.atelier.platform.tenancy;

/**
 * Creates, suspends, resumes and deletes tenants. Every operation is all or nothing.
 */
public interface TenantProvisioning {

	/**
	 * Creates the directory row, the schema and its tables, and the brand settings.
	 * @param command the validated request
	 * @return the active tenant
	 * @throws TenantAlreadyExists when the slug is taken (also by a deleted tenant) or
	 * its schema already exists
	 * @throws DomainAlreadyRegistered when a domain is taken
	 * @throws TenantProvisioningFailed when a later step fails; nothing is left behind
	 */
	Tenant create(NewTenant command);

	/**
	 * Stops serving a tenant; its data is kept.
	 * @param slug the tenant
	 * @return true when it was active, false when it was already suspended
	 * @throws UnknownTenant when there is no such tenant
	 */
	boolean suspend(TenantSlug slug);

	/**
	 * Serves a suspended tenant again.
	 * @param slug the tenant
	 * @return true when it was suspended, false when it was already active
	 * @throws UnknownTenant when there is no such tenant
	 */
	boolean resume(TenantSlug slug);

	/**
	 * Drops the tenant's schema and directory entry in one transaction and keeps a
	 * tombstone.
	 * @param slug the tenant
	 * @param confirmation must equal the slug
	 * @param actor who deletes it, recorded in the tombstone
	 * @return the tombstone
	 * @throws ConfirmationMismatch when the confirmation is not the slug
	 * @throws UnknownTenant when there is no such tenant
	 */
	Tombstone delete(TenantSlug slug, String confirmation, String actor);

}

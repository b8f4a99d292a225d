package com.atelier.platform.tenancy;

/**
 * Finds the tenant a request's host names, for the HTTP edge. Answers from a cache that
 * every node clears when the directory changes.
 */
public interface TenantResolver {

	/**
	 * @param host the request's host name, without port
	 * @return the active tenant serving it
	 * @throws UnknownTenant when no tenant serves the host, or it is still being
	 * provisioned
	 * @throws TenantSuspended when the tenant is suspended
	 */
	Tenant resolve(String host);

	/** Forgets everything cached; the next lookups read the directory. */
	void invalidateAll();

}

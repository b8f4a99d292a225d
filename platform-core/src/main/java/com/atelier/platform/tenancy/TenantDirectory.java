package com.atelier.platform.tenancy;

import java.util.List;
import java.util.Optional;

/**
 * Reads the tenant directory (the {@code platform} schema). Writes go through
 * {@link TenantProvisioning} and {@link TenantMigrations}.
 */
public interface TenantDirectory {

	Optional<Tenant> findBySlug(TenantSlug slug);

	Optional<Tenant> findById(TenantId id);

	/**
	 * The tenant serving a host: a registered domain, or {@code {slug}.localhost}.
	 * @param host the host name without port, any case
	 * @return the tenant in any status, or empty
	 */
	Optional<Tenant> findByHost(String host);

	/** Every tenant, ordered by slug. */
	List<Tenant> list();

	/** Deleted tenants, newest first. */
	List<Tombstone> tombstones();

}

package com.atelier.platform.tenancy;

import java.util.List;

/**
 * Applies the tenant changelog to tenant schemas. Runs are serialized within a JVM
 * (Liquibase is not safe to run twice at once in one JVM); a tenant already at head is
 * skipped without running Liquibase.
 */
public interface TenantMigrations {

	/**
	 * An identifier of the tenant changelog's current head, as the directory stores it.
	 */
	String head();

	/**
	 * Counts provisioned tenants that are not at {@link #head()} or whose last migration
	 * failed: one query, whatever the number of tenants.
	 * @return how many tenants {@code tenant migrate --all} would work on
	 */
	int behind();

	/**
	 * Migrates one tenant, even when it was marked failed before.
	 * @param slug the tenant
	 * @return the result; a failure is recorded in the directory
	 * @throws UnknownTenant when there is no such tenant
	 */
	MigrationResult migrate(TenantSlug slug);

	/**
	 * Migrates every provisioned tenant, one after another; a failing tenant is recorded
	 * and the rest continue.
	 * @param listener told about each tenant as it starts and finishes
	 * @return one result per tenant, ordered by slug
	 */
	List<MigrationResult> migrateAll(Listener listener);

	/**
	 * Progress of {@link #migrateAll}.
	 */
	interface Listener {

		default void started(int total) {
		}

		default void tenantStarted(int index, TenantSlug slug) {
		}

		default void tenantFinished(int index, MigrationResult result) {
		}

	}

}

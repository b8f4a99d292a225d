package com.atelier.platform.tenancy;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What migrating one tenant did.
 *
 * @param slug the tenant
 * @param outcome what happened
 * @param changesetsApplied how many changesets ran
 * @param duration how long it took
 * @param error why it failed, when it did
 */
public record MigrationResult(TenantSlug slug, Outcome outcome, int changesetsApplied, Duration duration,
		@Nullable String error) {

	public enum Outcome {

		/** Changesets were applied. */
		MIGRATED,

		/** Already at head; Liquibase was not run. */
		SKIPPED,

		/** Liquibase failed; the tenant is marked FAILED in the directory. */
		FAILED

	}

	public boolean failed() {
		return this.outcome == Outcome.FAILED;
	}

}

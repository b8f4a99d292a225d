package com.atelier.reporting.web;

import java.time.LocalDate;
import java.util.List;

import com.atelier.reporting.rollup.Rollup;

/**
 * The roll-up as JSON, for the operator API and {@code atelier report rollup --json}.
 *
 * @param from the first day
 * @param to the last day
 * @param tenants counts of tenants
 * @param results per tenant, by slug
 * @param tookMillis how long it took
 */
public record RollupJsonView(LocalDate from, LocalDate to, Rollup.Counts tenants, List<Rollup.TenantResult> results,
		long tookMillis) {

	public static RollupJsonView of(Rollup.Result result) {
		return new RollupJsonView(result.from(), result.to(), result.tenants(), result.results(),
				result.took().toMillis());
	}

}

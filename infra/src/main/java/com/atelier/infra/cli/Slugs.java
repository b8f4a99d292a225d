package com.atelier.infra.cli;

import com.atelier.platform.tenancy.TenantSlug;

/**
 * Slugs as operators type them.
 */
final class Slugs {

	private Slugs() {
	}

	static TenantSlug parse(String candidate) {
		return TenantSlug.parse(candidate)
			.orElseThrow(() -> new CliInputException(
					"'" + candidate + "' is not a tenant slug: " + TenantSlug.problem(candidate).orElse("invalid")));
	}

}

package com.atelier.platform.tenancy;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The PostgreSQL schema that holds one tenant's tables. It is only ever derived from a
 * {@link TenantSlug} in the directory, never taken from a request, validated again here,
 * and always quoted when it reaches SQL.
 *
 * @param name the unquoted schema name, e.g. {@code tenant_maison_aurele}
 */
public record TenantSchema(String name) {

	private static final Pattern PATTERN = Pattern.compile("^tenant_[a-z][a-z0-9_]{1,39}$");

	/**
	 * The schema jOOQ's generated classes name; mapped to the tenant's schema at run
	 * time. It never exists in a running database.
	 */
	public static final String TEMPLATE = "tenant_template";

	public TenantSchema {
		Objects.requireNonNull(name, "name");
		if (!PATTERN.matcher(name).matches() || TEMPLATE.equals(name)) {
			throw new IllegalArgumentException("not a tenant schema name: " + name);
		}
	}

	public static TenantSchema of(TenantSlug slug) {
		return new TenantSchema("tenant_" + slug.value().replace('-', '_'));
	}

	/** The name as a quoted SQL identifier. Safe because the pattern admits no quote. */
	public String quoted() {
		return '"' + this.name + '"';
	}

	@Override
	public String toString() {
		return this.name;
	}

}

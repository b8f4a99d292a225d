package com.atelier.platform.tenancy;

import java.util.Objects;

/**
 * What the tenant context carries: enough to route connections and to name the tenant in
 * logs and errors.
 *
 * @param id the tenant's id
 * @param slug the tenant's slug
 * @param schema the tenant's schema
 */
public record TenantRef(TenantId id, TenantSlug slug, TenantSchema schema) {

	public TenantRef {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(slug, "slug");
		Objects.requireNonNull(schema, "schema");
	}

}

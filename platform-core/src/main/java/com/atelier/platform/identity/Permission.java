package com.atelier.platform.identity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a caller of the admin API may do. Staff get permissions from their {@link Role};
 * brand integrations get the ones they were created with, as OAuth2 scopes
 * ({@code brand:read}, ...).
 */
public enum Permission {

	BRAND_READ, BRAND_WRITE, STAFF_READ, STAFF_WRITE, AUDIT_READ, INTEGRATIONS_MANAGE, CATALOG_READ, CATALOG_WRITE,
	INVENTORY_READ, INVENTORY_WRITE, ORDERS_READ, ORDERS_WRITE, PAYMENTS_WRITE, REPORTS_READ;

	/** The scope and authority name, e.g. {@code brand:read}. */
	public String scope() {
		return name().toLowerCase(Locale.ROOT).replace('_', ':');
	}

	public static Optional<Permission> fromScope(String scope) {
		return Arrays.stream(values()).filter((p) -> p.scope().equals(scope)).findFirst();
	}

}

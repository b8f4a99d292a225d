package com.atelier.platform.identity;

import java.util.EnumSet;
import java.util.Set;

import static com.atelier.platform.identity.Permission.AUDIT_READ;
import static com.atelier.platform.identity.Permission.BRAND_READ;
import static com.atelier.platform.identity.Permission.BRAND_WRITE;
import static com.atelier.platform.identity.Permission.CATALOG_READ;
import static com.atelier.platform.identity.Permission.CATALOG_WRITE;
import static com.atelier.platform.identity.Permission.INVENTORY_READ;
import static com.atelier.platform.identity.Permission.INVENTORY_WRITE;
import static com.atelier.platform.identity.Permission.ORDERS_READ;
import static com.atelier.platform.identity.Permission.ORDERS_WRITE;
import static com.atelier.platform.identity.Permission.REPORTS_READ;

/**
 * A staff member's role in one brand, and the permissions it grants.
 */
public enum Role {

	/** Everything, including managing other owners. */
	OWNER(EnumSet.allOf(Permission.class)),

	/** Everything except managing owners. */
	ADMIN(EnumSet.allOf(Permission.class)),

	/** Brand settings, catalogue and stock. */
	MERCHANDISER(EnumSet.of(BRAND_READ, BRAND_WRITE, CATALOG_READ, CATALOG_WRITE, INVENTORY_READ, INVENTORY_WRITE)),

	/** Orders (fulfil, cancel unpaid ones, notes) and stock; no money movements. */
	FULFILLMENT(EnumSet.of(BRAND_READ, ORDERS_READ, ORDERS_WRITE, INVENTORY_READ, INVENTORY_WRITE)),

	/** Reads everything, reports included; changes nothing. */
	ANALYST(EnumSet.of(BRAND_READ, CATALOG_READ, INVENTORY_READ, ORDERS_READ, REPORTS_READ, AUDIT_READ));

	private final Set<Permission> permissions;

	Role(Set<Permission> permissions) {
		this.permissions = Set.copyOf(permissions);
	}

	public Set<Permission> permissions() {
		return this.permissions;
	}

}

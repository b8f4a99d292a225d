package com.atelier.platform.catalog;

/**
 * The signal every catalog, price or stock change of a tenant sends after commit: every
 * node drops that tenant's storefront caches (and only that tenant's). Payload: tenant
 * id.
 */
public final class CatalogCache {

	public static final String CHANNEL = "atelier_catalog";

	private CatalogCache() {
	}

}

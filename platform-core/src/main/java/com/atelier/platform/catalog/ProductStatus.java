package com.atelier.platform.catalog;

/**
 * Only active products are on the storefront.
 */
public enum ProductStatus {

	DRAFT, ACTIVE, ARCHIVED

}

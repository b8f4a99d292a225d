package com.atelier.platform.catalog;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.atelier.platform.identity.Actor;

/**
 * The current tenant's catalog, for staff and integrations. Every change is audited and
 * clears the tenant's storefront caches on every node.
 */
public interface CatalogManagement {

	Product createProduct(ProductInput input, Actor actor);

	Product updateProduct(UUID id, ProductInput changes, Actor actor);

	Product product(UUID id);

	/**
	 * Products by creation, newest first.
	 * @param status only this status, or all
	 * @param query text in title or handle, or none
	 * @param after cursor, or null
	 * @param limit 1 to 100
	 * @return one page
	 */
	Page<Product> products(@Nullable ProductStatus status, @Nullable String query, @Nullable String after, int limit);

	Product.Variant addVariant(UUID productId, VariantInput input, Actor actor);

	Product.Variant updateVariant(UUID variantId, VariantInput changes, Actor actor);

	Collection createCollection(String handle, String title, @Nullable String description,
			java.util.Map<String, ProductInput.Translation> translations, Actor actor);

	Collection updateCollection(UUID id, @Nullable String title, @Nullable String description,
			java.util.@Nullable Map<String, ProductInput.Translation> translations, Actor actor);

	/** Replaces the products of a collection, in this order. */
	Collection setCollectionProducts(UUID id, List<UUID> productIds, Actor actor);

	Collection collection(UUID id);

	Page<Collection> collections(@Nullable String after, int limit);

}

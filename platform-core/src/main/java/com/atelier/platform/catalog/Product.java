package com.atelier.platform.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A product as staff see it.
 *
 * @param id id
 * @param handle handle
 * @param status status
 * @param title default-locale title
 * @param description default-locale description
 * @param vendor vendor
 * @param attributes vendor attributes
 * @param seoTitle SEO title
 * @param seoDescription SEO description
 * @param media images in order
 * @param options options in order
 * @param variants variants in order
 * @param translations per locale
 * @param createdAt created
 * @param updatedAt last changed
 * @param version optimistic version
 */
public record Product(UUID id, String handle, ProductStatus status, String title, @Nullable String description,
		@Nullable String vendor, Map<String, String> attributes, @Nullable String seoTitle,
		@Nullable String seoDescription, List<ProductInput.Media> media, List<ProductInput.Option> options,
		List<Variant> variants, Map<String, ProductInput.Translation> translations, Instant createdAt,
		Instant updatedAt, long version) {

	/**
	 * @param id id
	 * @param sku SKU
	 * @param title title
	 * @param optionValues one per option
	 * @param weightGrams weight
	 * @param position order within the product
	 */
	public record Variant(UUID id, String sku, String title, List<String> optionValues, @Nullable Integer weightGrams,
			int position) {
	}

}

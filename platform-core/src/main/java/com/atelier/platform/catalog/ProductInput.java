package com.atelier.platform.catalog;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What staff send to create a product, or to change one ({@code null}: leave as is; for
 * media and translations, a list or map replaces the previous one).
 *
 * @param handle unique URL-safe id
 * @param title title in the brand's default locale
 * @param description description in the default locale
 * @param status DRAFT, ACTIVE or ARCHIVED
 * @param vendor maker or house
 * @param attributes vendor attributes (material, origin, ...)
 * @param seoTitle search engine title
 * @param seoDescription search engine description
 * @param media images in order
 * @param options option names and their values, e.g. Size: S, M, L (creation only)
 * @param variants the sellable variants (creation only; add more with their own endpoint)
 * @param translations per locale
 */
public record ProductInput(@Nullable String handle, @Nullable String title, @Nullable String description,
		@Nullable ProductStatus status, @Nullable String vendor, @Nullable Map<String, String> attributes,
		@Nullable String seoTitle, @Nullable String seoDescription, @Nullable List<Media> media,
		@Nullable List<Option> options, @Nullable List<VariantInput> variants,
		@Nullable Map<String, Translation> translations) {

	/**
	 * @param url absolute http(s) URL
	 * @param altText alternative text
	 */
	public record Media(@Nullable String url, @Nullable String altText) {
	}

	/**
	 * @param name e.g. Size
	 * @param values e.g. S, M, L
	 */
	public record Option(@Nullable String name, @Nullable List<String> values) {
	}

	/**
	 * @param title title in the locale
	 * @param description description in the locale
	 * @param seoTitle SEO title
	 * @param seoDescription SEO description
	 */
	public record Translation(@Nullable String title, @Nullable String description, @Nullable String seoTitle,
			@Nullable String seoDescription) {
	}

}

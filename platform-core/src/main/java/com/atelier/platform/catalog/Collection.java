package com.atelier.platform.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A manual collection: products in the order staff set.
 *
 * @param id id
 * @param handle handle
 * @param title default-locale title
 * @param description default-locale description
 * @param translations per locale
 * @param productIds products, in order
 * @param createdAt created
 */
public record Collection(UUID id, String handle, String title, @Nullable String description,
		Map<String, ProductInput.Translation> translations, List<UUID> productIds, Instant createdAt) {
}

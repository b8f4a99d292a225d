package com.atelier.platform.catalog;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A variant to add, or changes to one ({@code null}: leave as is).
 *
 * @param sku unique stock keeping unit (creation only)
 * @param title e.g. "Silk, 90 cm"; derived from the option values when absent
 * @param optionValues one value per product option, in option order (creation only)
 * @param weightGrams shipping weight
 */
public record VariantInput(@Nullable String sku, @Nullable String title, @Nullable List<String> optionValues,
		@Nullable Integer weightGrams) {
}

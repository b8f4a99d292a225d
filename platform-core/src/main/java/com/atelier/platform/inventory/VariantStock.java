package com.atelier.platform.inventory;

import java.util.UUID;

/**
 * Available units of a variant over all locations.
 *
 * @param variantId the variant
 * @param sku its SKU
 * @param available units that can still be sold
 */
public record VariantStock(UUID variantId, String sku, int available) {
}

package com.atelier.platform.inventory;

import java.util.UUID;

/**
 * Stock of one variant at one location.
 *
 * @param variantId the variant
 * @param sku its SKU
 * @param locationId the location
 * @param location its handle
 * @param onHand units physically there
 * @param reserved units promised to checkouts in progress
 * @param available {@code onHand - reserved}
 */
public record StockLevel(UUID variantId, String sku, UUID locationId, String location, int onHand, int reserved,
		int available) {
}

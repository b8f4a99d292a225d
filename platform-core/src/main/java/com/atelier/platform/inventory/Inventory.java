package com.atelier.platform.inventory;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.atelier.platform.catalog.Page;
import com.atelier.platform.identity.Actor;

/**
 * Stock of the current tenant. Quantities change only through atomic conditional updates.
 */
public interface Inventory {

	StockLocation createLocation(String handle, String name, Actor actor);

	List<StockLocation> locations();

	/**
	 * Stock levels, by SKU then location.
	 * @param variantId only this variant, or all
	 * @param locationId only this location, or all
	 * @param after cursor, or null
	 * @param limit 1 to 200
	 * @return one page
	 */
	Page<StockLevel> levels(@Nullable UUID variantId, @Nullable UUID locationId, @Nullable String after, int limit);

	/**
	 * Changes the units on hand, with a reason; refused when it would go below zero or
	 * below what is reserved. Audited.
	 * @param variantId the variant
	 * @param locationId the location
	 * @param delta units added (positive) or removed (negative)
	 * @param reason why, e.g. "received", "damaged", "count"
	 * @param actor who
	 * @return the level after the change
	 */
	StockLevel adjust(UUID variantId, UUID locationId, int delta, String reason, Actor actor);

}

package com.atelier.platform.inventory;

import java.util.List;
import java.util.Map;
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

	/**
	 * Reserves units for an order, every variant at once or none: the variants' stock
	 * rows are locked in a fixed order, units are taken from the locations with the most
	 * available first (split across locations when needed), and {@code reserved} grows.
	 * Runs in the caller's transaction.
	 * @param orderId the order the units are held for
	 * @param units units per variant
	 * @throws InsufficientStock when a variant has fewer available units than asked for;
	 * the message names its SKU
	 */
	void reserve(UUID orderId, Map<UUID, Integer> units);

	/**
	 * As {@link #reserve}, and ends the caller's transaction: the reservation of the last
	 * variant (in the fixed order) and the COMMIT go to PostgreSQL in one round trip, so
	 * that variant's stock row stays locked only while PostgreSQL runs the statement and
	 * the commit, not while this JVM reads the answer and sends a commit of its own (ADR
	 * 24). Call it last, with nothing left to write; the transaction manager's commit
	 * that follows finds the transaction ended. The last variant must be stocked at one
	 * location.
	 * @param orderId the order the units are held for
	 * @param units units per variant
	 * @throws InsufficientStock when a variant has fewer available units than asked for;
	 * nothing was committed
	 * @throws NotCommitted when the last variant is stocked at several locations after
	 * all: nothing was committed; run the transaction again and use {@link #reserve}
	 */
	void reserveAndCommit(UUID orderId, Map<UUID, Integer> units);

	/**
	 * Gives back the units an order holds (expiry, cancellation, failed payment). Does
	 * nothing for units already released or committed.
	 * @param orderId the order
	 * @return whether anything was released
	 */
	boolean release(UUID orderId);

	/**
	 * Turns the units an order holds into sold units: on hand and reserved both drop.
	 * @param orderId the order (paid)
	 * @return variants of the order whose available units are now at or below the
	 * threshold, with what is left
	 * @param lowStockThreshold the threshold
	 */
	List<VariantStock> commit(UUID orderId, int lowStockThreshold);

	/**
	 * Puts the committed units of a cancelled order back on hand, at the locations they
	 * were taken from.
	 * @param orderId the order
	 * @return whether anything was put back
	 */
	boolean restock(UUID orderId);

	/**
	 * {@link #reserveAndCommit} could not take the one-location path: the transaction was
	 * not committed and must be rolled back.
	 */
	class NotCommitted extends RuntimeException {

		public NotCommitted(String message) {
			super(message);
		}

	}

}

package com.atelier.platform.pricing;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.atelier.platform.money.Money;

/**
 * A variant's price in a market.
 *
 * @param variantId the variant
 * @param sku its SKU
 * @param price the price
 * @param lowest30Days the lowest price of the 30 days before the last change (EU
 * Omnibus); shown where the price is a reduction
 * @param updatedAt when it was last set
 */
public record VariantPrice(UUID variantId, String sku, Money price, @Nullable Money lowest30Days, Instant updatedAt) {

	/**
	 * Whether the current price is lower than the lowest of the 30 days before it was
	 * set.
	 */
	public boolean reduced() {
		return this.lowest30Days != null && this.price.compareTo(this.lowest30Days) < 0;
	}

}

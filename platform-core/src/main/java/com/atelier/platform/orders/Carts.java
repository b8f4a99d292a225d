package com.atelier.platform.orders;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Carts of the current tenant, addressed by their bearer token. A cart's currency is its
 * market's; lines are priced at the market's current prices each time the cart is read.
 */
public interface Carts {

	/**
	 * @param market a market handle, or null for the default market
	 * @return the new cart, with its token
	 */
	Cart create(@Nullable String market);

	Cart get(String token);

	/**
	 * Adds units; a line for the same variant and personalization grows instead.
	 * @param token the cart
	 * @param variantId the variant, or null when the SKU names it
	 * @param sku the SKU, or null
	 * @param quantity 1 to 999 units
	 * @param personalization e.g. an engraving (at most 200 characters), or null
	 * @return the cart
	 */
	Cart addLine(String token, @Nullable UUID variantId, @Nullable String sku, int quantity,
			@Nullable String personalization);

	/**
	 * @param token the cart
	 * @param lineId the line
	 * @param quantity 0 (removes the line) to 999
	 * @return the cart
	 */
	Cart setQuantity(String token, UUID lineId, int quantity);

	/**
	 * Sets checkout details; null leaves a field as it is.
	 * @param token the cart
	 * @param email the shopper's email
	 * @param country ISO 3166 alpha-2 shipping country, one of the market's countries
	 * @param shippingMethod a shipping method handle of the cart's market
	 * @return the cart
	 */
	Cart update(String token, @Nullable String email, @Nullable String country, @Nullable String shippingMethod);

	/**
	 * Gives a signed-in customer their open cart, merging an anonymous cart into it
	 * (units of the same line add up; the anonymous cart becomes {@code merged}). The
	 * returned cart carries a new token; earlier tokens of that cart stop working.
	 * @param customerId the signed-in customer
	 * @param anonymousToken a cart the shopper filled before signing in, or null
	 * @return the customer's cart, with its new token
	 */
	Cart claim(UUID customerId, @Nullable String anonymousToken);

}

package com.atelier.platform.orders;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.atelier.platform.money.Money;

/**
 * A shopper's cart, priced in its market.
 *
 * @param id id
 * @param token the bearer token that addresses the cart; only when just issued (creation,
 * or handing a customer their cart), null otherwise
 * @param status {@code open}, {@code checked_out} or {@code merged}
 * @param market the market's handle
 * @param currency its currency
 * @param customerId the signed-in customer it belongs to, or null
 * @param email where the order confirmation goes
 * @param country the shipping country, ISO 3166 alpha-2
 * @param shippingMethod the chosen shipping method's handle, or null
 * @param lines the lines
 * @param totals priced totals (tax from the country's rate once a country is set)
 */
public record Cart(UUID id, @Nullable String token, String status, String market, String currency,
		@Nullable UUID customerId, @Nullable String email, @Nullable String country, @Nullable String shippingMethod,
		List<Line> lines, Totals totals) {

	/**
	 * @param id line id
	 * @param variantId variant
	 * @param sku SKU
	 * @param productHandle product handle
	 * @param title product title
	 * @param variantTitle variant title
	 * @param personalization e.g. an engraving, or empty
	 * @param quantity units
	 * @param unitPrice price per unit in the market, or null when the variant has no
	 * price there (such a line blocks checkout)
	 * @param subtotal {@code unitPrice × quantity}
	 * @param tax the line's tax
	 */
	public record Line(UUID id, UUID variantId, String sku, String productHandle, String title, String variantTitle,
			String personalization, int quantity, @Nullable Money unitPrice, @Nullable Money subtotal,
			@Nullable Money tax) {
	}

}

package com.atelier.platform.orders;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.atelier.platform.identity.Actor;
import com.atelier.platform.money.Money;

/**
 * What checkout needs besides the catalogue: tax rates and shipping methods per market,
 * reservation time and low-stock threshold, purchase limits of limited pieces.
 */
public interface CommerceSettings {

	/**
	 * Replaces a market's tax rates.
	 * @param marketId market
	 * @param rates ISO 3166 alpha-2 country to rate (0.2 for 20 %), at most 5 decimals
	 * @param actor who
	 * @return the rates as stored
	 */
	Map<String, BigDecimal> setTaxRates(UUID marketId, Map<String, String> rates, Actor actor);

	Map<String, BigDecimal> taxRates(UUID marketId);

	/**
	 * @param marketId market
	 * @param handle e.g. {@code express}
	 * @param name e.g. Express courier
	 * @param amount decimal in the market's currency
	 * @param freeFrom free when the subtotal reaches this, or null
	 * @param actor who
	 * @return the method
	 */
	ShippingMethod createShippingMethod(UUID marketId, String handle, String name, String amount,
			@Nullable String freeFrom, Actor actor);

	List<ShippingMethod> shippingMethods(UUID marketId);

	/**
	 * Shipping methods of a market by handle, for shoppers.
	 * @param market market handle, or null for the default market
	 * @return active methods
	 */
	List<ShippingMethod> shippingMethodsOf(@Nullable String market);

	CheckoutSettings checkoutSettings();

	default CheckoutSettings updateCheckoutSettings(@Nullable Integer reservationMinutes,
			@Nullable Integer lowStockThreshold, Actor actor) {
		return updateCheckoutSettings(
				new CheckoutSettingsChange(reservationMinutes, lowStockThreshold, null, null, null, null), actor);
	}

	/**
	 * Changes the given settings; null leaves one as it is. A limit of 0 turns it off.
	 * @param change the settings to change
	 * @param actor who
	 * @return the settings after the change
	 */
	CheckoutSettings updateCheckoutSettings(CheckoutSettingsChange change, Actor actor);

	/**
	 * @param productId product
	 * @param limit units per customer (by email), or null for none
	 * @param actor who
	 */
	void setPurchaseLimit(UUID productId, @Nullable Integer limit, Actor actor);

	/**
	 * @param id id
	 * @param market market handle
	 * @param handle handle
	 * @param name name
	 * @param amount price
	 * @param freeFrom free from this subtotal, or null
	 */
	record ShippingMethod(UUID id, String market, String handle, String name, Money amount, @Nullable Money freeFrom) {
	}

	/**
	 * @param reservationMinutes how long checkout holds stock for an unpaid order
	 * @param lowStockThreshold at or below this many available units a variant is low
	 * (StockLow event)
	 * @param storefrontManualPayment whether shoppers may choose manual payment
	 * @param unpaidOrdersPerEmail open unpaid orders per normalised e-mail, or null
	 * @param unpaidOrdersPerIp open unpaid orders per network address, or null
	 * @param unpaidOrdersPerDevice open unpaid orders per device, or null
	 */
	record CheckoutSettings(int reservationMinutes, int lowStockThreshold, boolean storefrontManualPayment,
			@Nullable Integer unpaidOrdersPerEmail, @Nullable Integer unpaidOrdersPerIp,
			@Nullable Integer unpaidOrdersPerDevice) {
	}

	/**
	 * A change of checkout settings; each null leaves the setting as it is.
	 *
	 * @param reservationMinutes 1 to 1440
	 * @param lowStockThreshold 0 to 1,000,000
	 * @param storefrontManualPayment whether shoppers may choose manual payment (bank
	 * transfer) in the storefront; false keeps it to staff
	 * @param unpaidOrdersPerEmail open unpaid orders per normalised e-mail address, 1 to
	 * 10,000, or 0 for no limit
	 * @param unpaidOrdersPerIp the same per network address (IPv6: per /64)
	 * @param unpaidOrdersPerDevice the same per device ({@code X-Atelier-Device})
	 */
	record CheckoutSettingsChange(@Nullable Integer reservationMinutes, @Nullable Integer lowStockThreshold,
			@Nullable Boolean storefrontManualPayment, @Nullable Integer unpaidOrdersPerEmail,
			@Nullable Integer unpaidOrdersPerIp, @Nullable Integer unpaidOrdersPerDevice) {
	}

}

package com.atelier.platform.pricing;

import java.util.List;
import java.util.UUID;

import com.atelier.platform.money.CurrencyCode;

/**
 * Where a brand sells, in one currency, with explicit prices.
 *
 * @param id id
 * @param handle e.g. {@code eu}
 * @param name e.g. Europe
 * @param currency the currency of its prices
 * @param countries ISO 3166 alpha-2 codes
 * @param pricesIncludeTax whether its prices include tax
 * @param isDefault the market shoppers get when they ask for none
 */
public record Market(UUID id, String handle, String name, CurrencyCode currency, List<String> countries,
		boolean pricesIncludeTax, boolean isDefault) {
}

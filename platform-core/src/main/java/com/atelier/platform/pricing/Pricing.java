package com.atelier.platform.pricing;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.atelier.platform.catalog.Page;
import com.atelier.platform.identity.Actor;
import com.atelier.platform.money.RoundingRule;

/**
 * Markets and prices of the current tenant. Luxury brands set a price per variant and
 * market; nothing is converted unless staff ask for a derivation, whose result is then
 * stored like any other price.
 */
public interface Pricing {

	/**
	 * @param handle e.g. {@code eu}
	 * @param name e.g. Europe
	 * @param currency ISO 4217
	 * @param countries ISO 3166 alpha-2 codes
	 * @param pricesIncludeTax whether prices include tax
	 * @param isDefault make it the default market (the previous default stops being one)
	 * @param actor who
	 * @return the market
	 */
	Market createMarket(String handle, String name, String currency, List<String> countries, boolean pricesIncludeTax,
			boolean isDefault, Actor actor);

	Market updateMarket(UUID id, @Nullable String name, @Nullable List<String> countries,
			@Nullable Boolean pricesIncludeTax, @Nullable Boolean isDefault, Actor actor);

	List<Market> markets();

	Market market(UUID id);

	/**
	 * Sets prices in a market, all or nothing; records history and the Omnibus lowest
	 * price.
	 * @param marketId the market
	 * @param prices variant (id or SKU) and amount (decimal in the market's currency)
	 * @param actor who
	 * @return the prices as stored
	 */
	List<VariantPrice> setPrices(UUID marketId, List<PriceInput> prices, Actor actor);

	Page<VariantPrice> prices(UUID marketId, @Nullable String after, int limit);

	/**
	 * Computes prices of a market from another market's: {@code base × rate}, rounded by
	 * the rule, and stores them.
	 * @param targetMarketId the market to set prices in
	 * @param baseMarketId the market to read prices from
	 * @param rate the explicit rate, target currency per unit of base currency
	 * @param rounding the target currency's rounding rule
	 * @param overwrite whether to replace prices the target already has
	 * @param actor who
	 * @return the prices set
	 */
	List<VariantPrice> derivePrices(UUID targetMarketId, UUID baseMarketId, BigDecimal rate, RoundingRule rounding,
			boolean overwrite, Actor actor);

	/**
	 * @param variantId the variant, or null when the SKU names it
	 * @param sku the SKU, or null when the id names it
	 * @param amount decimal amount in the market's currency
	 */
	record PriceInput(@Nullable UUID variantId, @Nullable String sku, @Nullable String amount) {
	}

}

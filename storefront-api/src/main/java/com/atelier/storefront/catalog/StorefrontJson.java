package com.atelier.storefront.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.atelier.platform.catalog.StorefrontCatalog;
import com.atelier.platform.money.Money;
import com.atelier.platform.pricing.Market;

/**
 * The storefront's JSON: money as {@code {"amount":"1250.00","currency":"EUR"}},
 * availability as {@code in_stock}, {@code low} or {@code sold_out}.
 */
final class StorefrontJson {

	private StorefrontJson() {
	}

	record MoneyJson(String amount, String currency) {

		static @Nullable MoneyJson of(@Nullable Money money) {
			return (money != null) ? new MoneyJson(money.amount(), money.currency().code()) : null;
		}

	}

	record PriceRange(MoneyJson from, MoneyJson to) {
	}

	record MarketJson(String handle, String name, String currency, boolean pricesIncludeTax, boolean isDefault) {

		static MarketJson of(Market market) {
			return new MarketJson(market.handle(), market.name(), market.currency().code(), market.pricesIncludeTax(),
					market.isDefault());
		}

	}

	record ListingJson(MarketJson market, String locale, List<CardJson> items, @Nullable String next) {

		static ListingJson of(StorefrontCatalog.Listing listing) {
			return new ListingJson(MarketJson.of(listing.market()), listing.locale(),
					listing.items().stream().map(CardJson::of).toList(), listing.next());
		}

	}

	record CardJson(String handle, String title, StorefrontCatalog.@Nullable Image image, PriceRange price,
			@Nullable MoneyJson lowestPrice30Days, String availability) {

		static CardJson of(StorefrontCatalog.ProductCard card) {
			return new CardJson(card.handle(), card.title(), card.image(),
					new PriceRange(MoneyJson.of(card.priceFrom()), MoneyJson.of(card.priceTo())),
					MoneyJson.of(card.lowest30Days()), StorefrontJson.availability(card.availability()));
		}

	}

	record ProductJson(String handle, String title, @Nullable String description, @Nullable String vendor,
			Map<String, String> attributes, Seo seo, List<StorefrontCatalog.Image> images,
			List<StorefrontCatalog.OptionView> options, List<VariantJson> variants, PriceRange price,
			String availability, MarketJson market, String locale) {

		static ProductJson of(StorefrontCatalog.ProductView product, Market market, String locale) {
			return new ProductJson(product.handle(), product.title(), product.description(), product.vendor(),
					product.attributes(), new Seo(product.seoTitle(), product.seoDescription()), product.images(),
					product.options(), product.variants().stream().map(VariantJson::of).toList(),
					new PriceRange(MoneyJson.of(product.priceFrom()), MoneyJson.of(product.priceTo())),
					StorefrontJson.availability(product.availability()), MarketJson.of(market), locale);
		}

	}

	record Seo(@Nullable String title, @Nullable String description) {
	}

	record VariantJson(String sku, String title, List<String> optionValues, @Nullable Integer weightGrams,
			MoneyJson price, @Nullable MoneyJson lowestPrice30Days, String availability) {

		static VariantJson of(StorefrontCatalog.VariantView variant) {
			return new VariantJson(variant.sku(), variant.title(), variant.optionValues(), variant.weightGrams(),
					MoneyJson.of(variant.price()), MoneyJson.of(variant.lowest30Days()),
					StorefrontJson.availability(variant.availability()));
		}

	}

	record CollectionsJson(List<StorefrontCatalog.CollectionView> items, String locale) {
	}

	record MarketsJson(List<MarketJson> items) {
	}

	static String availability(StorefrontCatalog.Availability availability) {
		return availability.name().toLowerCase(Locale.ROOT);
	}

}

package com.atelier.platform.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import com.atelier.platform.money.Money;
import com.atelier.platform.pricing.Market;
import com.atelier.platform.tenancy.TenantId;

/**
 * What shoppers see of the current tenant's catalog: active products that have a price in
 * the shopper's market, in the shopper's language, with prices in that market and
 * availability as a word, never a count. A fixed number of SQL statements per call,
 * whatever the page size.
 */
public interface StorefrontCatalog {

	/**
	 * Chooses the market: the one asked for, or the default.
	 * @param handle a market handle, or null
	 * @return the market
	 * @throws CatalogProblems.Invalid when no such market exists (field {@code market})
	 */
	Market market(@Nullable String handle);

	/** Every market of the brand, by handle. */
	List<Market> markets();

	/**
	 * Drops the cached markets and locales of one tenant, or of all when null. Response
	 * caches call this before they move on, so that nothing they cache afterwards was
	 * built from the old reference data.
	 */
	void forgetReferenceData(@Nullable TenantId tenant);

	/**
	 * Chooses the language: the best match of the brand's locales for the shopper's
	 * {@code Accept-Language}, or the brand's default.
	 * @param acceptLanguage the header value, or null
	 * @return a BCP 47 tag of the brand's
	 */
	String locale(@Nullable String acceptLanguage);

	Listing products(Query query);

	/**
	 * Whether the brand has a collection with this handle (reference data, no query per
	 * call): response caches keep answers for known collections only.
	 * @param handle a collection handle as a request gave it
	 * @return whether it names a collection
	 */
	boolean isCollection(String handle);

	Optional<ProductView> product(String handle, Market market, String locale);

	List<CollectionView> collections(String locale);

	Optional<CollectionView> collection(String handle, String locale);

	/**
	 * A product list request.
	 *
	 * @param market the shopper's market
	 * @param locale the shopper's language (one of the brand's)
	 * @param collection only products of this collection (handle), or all
	 * @param options only products with a priced variant having these option values
	 * (option name to value)
	 * @param minPrice only products with a variant priced at least this (decimal), or any
	 * @param maxPrice only products with a variant priced at most this (decimal), or any
	 * @param availableOnly only products that are not sold out
	 * @param sort order
	 * @param after cursor from the previous page, or null
	 * @param first page size, 1 to 100
	 */
	record Query(Market market, String locale, @Nullable String collection, Map<String, String> options,
			@Nullable String minPrice, @Nullable String maxPrice, boolean availableOnly, Sort sort,
			@Nullable String after, int first) {

		public Query {
			options = Map.copyOf(options);
		}

	}

	enum Sort {

		NEWEST, PRICE_ASC, PRICE_DESC, COLLECTION

	}

	enum Availability {

		IN_STOCK, LOW, SOLD_OUT

	}

	/**
	 * @param market the market the prices are in
	 * @param locale the language of the texts
	 * @param items the page
	 * @param next cursor of the next page, or null
	 */
	record Listing(Market market, String locale, List<ProductCard> items, @Nullable String next) {
	}

	/**
	 * A product in a list.
	 *
	 * @param handle handle
	 * @param title title
	 * @param image first image, if any
	 * @param priceFrom lowest variant price in the market
	 * @param priceTo highest variant price in the market
	 * @param lowest30Days shown when the cheapest reduced variant is below its lowest
	 * price of the 30 days before the reduction (EU Omnibus)
	 * @param availability in stock, low, sold out
	 */
	record ProductCard(String handle, String title, @Nullable Image image, Money priceFrom, Money priceTo,
			@Nullable Money lowest30Days, Availability availability) {
	}

	/**
	 * @param url URL
	 * @param altText alternative text
	 */
	record Image(String url, @Nullable String altText) {
	}

	/**
	 * A product page.
	 *
	 * @param handle handle
	 * @param title title
	 * @param description description
	 * @param vendor vendor
	 * @param attributes vendor attributes
	 * @param seoTitle SEO title
	 * @param seoDescription SEO description
	 * @param images images in order
	 * @param options options and their values
	 * @param variants variants priced in the market, in order
	 * @param priceFrom lowest variant price
	 * @param priceTo highest variant price
	 * @param availability best availability of its variants
	 */
	record ProductView(String handle, String title, @Nullable String description, @Nullable String vendor,
			Map<String, String> attributes, @Nullable String seoTitle, @Nullable String seoDescription,
			List<Image> images, List<OptionView> options, List<VariantView> variants, Money priceFrom, Money priceTo,
			Availability availability) {
	}

	/**
	 * @param name option name
	 * @param values its values
	 */
	record OptionView(String name, List<String> values) {
	}

	/**
	 * @param sku SKU
	 * @param title title
	 * @param optionValues one per option
	 * @param weightGrams weight
	 * @param price price in the market
	 * @param lowest30Days lowest price of the 30 days before a reduction, when reduced
	 * @param availability in stock, low, sold out
	 */
	record VariantView(String sku, String title, List<String> optionValues, @Nullable Integer weightGrams, Money price,
			@Nullable Money lowest30Days, Availability availability) {
	}

	/**
	 * @param handle handle
	 * @param title title
	 * @param description description
	 */
	record CollectionView(String handle, String title, @Nullable String description) {
	}

}

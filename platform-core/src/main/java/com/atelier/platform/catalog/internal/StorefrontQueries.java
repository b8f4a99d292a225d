package com.atelier.platform.catalog.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.atelier.platform.catalog.CatalogProblems;
import com.atelier.platform.catalog.Cursors;
import com.atelier.platform.catalog.StorefrontCatalog;
import com.atelier.platform.jooq.tenant_template.tables.ListingPrices;
import com.atelier.platform.jooq.tenant_template.tables.StockLevels;
import com.atelier.platform.jooq.tenant_template.tables.Variants;
import com.atelier.platform.money.Money;
import com.atelier.platform.pricing.Market;
import com.atelier.platform.problem.FieldProblem;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantDsl;
import com.atelier.platform.tenancy.TenantId;
import com.atelier.platform.problem.Problems;

import static com.atelier.platform.jooq.tenant_template.Tables.COLLECTIONS;
import static com.atelier.platform.jooq.tenant_template.Tables.COLLECTION_PRODUCTS;
import static com.atelier.platform.jooq.tenant_template.Tables.COLLECTION_TRANSLATIONS;
import static com.atelier.platform.jooq.tenant_template.Tables.LISTING_PRICES;
import static com.atelier.platform.jooq.tenant_template.Tables.PRICES;
import static com.atelier.platform.jooq.tenant_template.Tables.PRODUCTS;
import static com.atelier.platform.jooq.tenant_template.Tables.PRODUCT_MEDIA;
import static com.atelier.platform.jooq.tenant_template.Tables.PRODUCT_OPTIONS;
import static com.atelier.platform.jooq.tenant_template.Tables.PRODUCT_TRANSLATIONS;
import static com.atelier.platform.jooq.tenant_template.Tables.STOCK_LEVELS;
import static com.atelier.platform.jooq.tenant_template.Tables.VARIANTS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.lateral;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.sum;

/**
 * The storefront's queries. A product list page is one statement: active products with at
 * least one variant priced in the market, their price range, Omnibus lowest price, best
 * variant availability and first image computed in lateral subqueries, keyset-paginated
 * on the sort key and id. A product page is four statements. Neither grows with the page
 * size.
 */
@Service
@Transactional(readOnly = true)
class StorefrontQueries implements StorefrontCatalog {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final TenantDsl db;

	private final TenantReferenceData reference;

	private final int lowStock;

	/** Rendered list statements by shape (a few hundred at most). */
	private final Cache<ListingShape, RenderedQuery> listings = Caffeine.newBuilder().maximumSize(2_000).build();

	StorefrontQueries(TenantDsl db, TenantReferenceData reference,
			@Value("${atelier.storefront.low-stock-threshold:3}") int lowStock) {
		this.db = db;
		this.reference = reference;
		this.lowStock = lowStock;
	}

	@Override
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.SUPPORTS)
	public Market market(@Nullable String handle) {
		List<Market> markets = this.reference.current().markets();
		Optional<Market> market = (handle == null || handle.isBlank())
				? markets.stream().filter(Market::isDefault).findFirst()
				: markets.stream()
					.filter((m) -> m.handle().equals(handle.strip().toLowerCase(Locale.ROOT)))
					.findFirst();
		return market.orElseThrow(() -> (handle == null || handle.isBlank())
				? new CatalogProblems.NotFound("market: the brand sells nowhere yet")
				: CatalogProblems.Invalid.of("market", Problems.quote(handle) + " is not a market of this brand ("
						+ String.join(", ", markets.stream().map(Market::handle).toList()) + ")"));
	}

	@Override
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.SUPPORTS)
	public boolean isCollection(String handle) {
		return this.reference.current().collections().contains(handle);
	}

	@Override
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.SUPPORTS)
	public List<Market> markets() {
		return this.reference.current().markets();
	}

	@Override
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.SUPPORTS)
	public void forgetReferenceData(@Nullable TenantId tenant) {
		this.reference.forget(tenant);
	}

	@Override
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.SUPPORTS)
	public String locale(@Nullable String acceptLanguage) {
		TenantReferenceData.Reference reference = this.reference.current();
		if (acceptLanguage != null && !acceptLanguage.isBlank()) {
			try {
				List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(acceptLanguage);
				String match = Locale.lookupTag(ranges, reference.locales());
				if (match != null) {
					return reference.locales()
						.stream()
						.filter((l) -> l.equalsIgnoreCase(match))
						.findFirst()
						.orElse(reference.defaultLocale());
				}
			}
			catch (IllegalArgumentException ex) {
				// An unreadable header falls back to the brand's default.
			}
		}
		return reference.defaultLocale();
	}

	/**
	 * One statement, so no transaction: no BEGIN/COMMIT round trips and no ORM session
	 * per list.
	 */
	@Override
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.SUPPORTS)
	public Listing products(Query query) {
		if (query.first() < 1 || query.first() > 100) {
			throw CatalogProblems.Invalid.of("first", "must be between 1 and 100");
		}
		if (query.options().size() > 3) {
			throw CatalogProblems.Invalid.of("option", "at most 3 option filters (a product has at most 3 options)");
		}
		if (query.sort() == Sort.COLLECTION && query.collection() == null) {
			throw CatalogProblems.Invalid.of("sort", "collection order needs a collection");
		}
		Market market = query.market();
		UUID marketId = market.id();
		List<FieldProblem> problems = new ArrayList<>();
		Long minPrice = amount("minPrice", query.minPrice(), market, problems);
		Long maxPrice = amount("maxPrice", query.maxPrice(), market, problems);
		if (!problems.isEmpty()) {
			throw new CatalogProblems.Invalid(problems);
		}

		Map<String, Object> values = new LinkedHashMap<>();
		values.put("market", marketId);
		values.put("locale", query.locale());
		values.put("limit", query.first() + 1);
		if (query.collection() != null) {
			values.put("collection", query.collection());
		}
		List<Map.Entry<String, String>> options = new ArrayList<>(new TreeMap<>(query.options()).entrySet());
		for (int i = 0; i < options.size(); i++) {
			values.put("option_name_" + i, options.get(i).getKey());
			values.put("option_value_" + i, options.get(i).getValue());
		}
		if (minPrice != null) {
			values.put("min_price", minPrice);
		}
		if (maxPrice != null) {
			values.put("max_price", maxPrice);
		}
		if (query.after() != null) {
			List<String> cursor = Cursors.decode(query.after(), 3);
			if (!cursor.get(0).equals(query.sort().name())) {
				throw CatalogProblems.Invalid.of("after", "belongs to a list in another order");
			}
			try {
				values.put("after_key", switch (query.sort()) {
					case NEWEST -> OffsetDateTime.parse(cursor.get(1));
					case PRICE_ASC, PRICE_DESC -> Long.parseLong(cursor.get(1));
					case COLLECTION -> Integer.parseInt(cursor.get(1));
				});
				values.put("after_id", UUID.fromString(cursor.get(2)));
			}
			catch (RuntimeException ex) {
				throw CatalogProblems.Invalid.of("after", "is not a cursor from a previous page of this list");
			}
		}
		ListingShape shape = new ListingShape(query.sort(), query.collection() != null, options.size(),
				minPrice != null, maxPrice != null, query.availableOnly(), query.after() != null);
		RenderedQuery listing = this.listings.get(shape, (s) -> RenderedQuery.of(listingQuery(s)));
		List<Record> rows = listing.fetch(this.db.dsl(), TenantContext.require().schema(), values);
		// Columns by position (as selected above): no field lookups per row.
		String next = null;
		if (rows.size() > query.first()) {
			rows = rows.subList(0, query.first());
			Record last = rows.get(rows.size() - 1);
			String key = switch (query.sort()) {
				case NEWEST -> last.get(2, OffsetDateTime.class).toString();
				case PRICE_ASC, PRICE_DESC -> String.valueOf(last.get(4, Long.class));
				case COLLECTION -> String.valueOf(last.get(7, Integer.class));
			};
			next = Cursors.encode(query.sort().name(), key, last.get(0, UUID.class).toString());
		}
		List<ProductCard> cards = new ArrayList<>(rows.size());
		for (Record r : rows) {
			String url = r.get(9, String.class);
			Long lowestValue = r.get(6, Long.class);
			cards.add(new ProductCard(r.get(1, String.class), r.get(3, String.class),
					(url != null) ? new Image(url, r.get(10, String.class)) : null,
					Money.ofMinor(r.get(4, Long.class), market.currency()),
					Money.ofMinor(r.get(5, Long.class), market.currency()),
					(lowestValue != null) ? Money.ofMinor(lowestValue, market.currency()) : null,
					availability(r.get(8, Long.class))));
		}
		return new Listing(market, query.locale(), cards, next);
	}

	/**
	 * What a list request looks like apart from its values: each shape is built and
	 * rendered once, then executed with new values in any tenant's schema.
	 */
	record ListingShape(Sort sort, boolean collection, int options, boolean minPrice, boolean maxPrice,
			boolean availableOnly, boolean after) {
	}

	/**
	 * The list statement of one shape, with named parameters for every value. An inner
	 * query picks the page (products on sale in the market, filtered, in order, one more
	 * than asked: is there a next page?) from the listing read model; the outer query
	 * adds availability, the first image and the translation for those rows only.
	 */
	private org.jooq.ResultQuery<?> listingQuery(ListingShape shape) {
		Field<UUID> marketId = DSL.param("market", UUID.class);
		ListingPrices lp = LISTING_PRICES.as("lp");
		Condition condition = PRODUCTS.STATUS.eq("ACTIVE");
		for (int i = 0; i < shape.options(); i++) {
			Variants ov = VARIANTS.as("ov" + i);
			condition = condition.and(exists(selectOne().from(ov)
				.join(PRODUCT_OPTIONS)
				.on(PRODUCT_OPTIONS.PRODUCT_ID.eq(ov.PRODUCT_ID)
					.and(PRODUCT_OPTIONS.NAME.equalIgnoreCase(DSL.param("option_name_" + i, String.class))))
				.join(PRICES)
				.on(PRICES.VARIANT_ID.eq(ov.ID).and(PRICES.MARKET_ID.eq(marketId)))
				.where(ov.PRODUCT_ID.eq(PRODUCTS.ID))
				.and(field("{0}[{1} + 1]", String.class, ov.OPTION_VALUES, PRODUCT_OPTIONS.POSITION)
					.equalIgnoreCase(DSL.param("option_value_" + i, String.class)))));
		}
		if (shape.minPrice() || shape.maxPrice()) {
			// Some variant's price in range; the product's range overlapping it first
			// (indexable), then the exact test.
			Variants rv = VARIANTS.as("rv");
			Condition inRange = DSL.noCondition();
			if (shape.minPrice()) {
				Field<Long> min = DSL.param("min_price", Long.class);
				condition = condition.and(lp.PRICE_TO_MINOR.ge(min));
				inRange = inRange.and(PRICES.AMOUNT_MINOR.ge(min));
			}
			if (shape.maxPrice()) {
				Field<Long> max = DSL.param("max_price", Long.class);
				condition = condition.and(lp.PRICE_FROM_MINOR.le(max));
				inRange = inRange.and(PRICES.AMOUNT_MINOR.le(max));
			}
			condition = condition.and(exists(selectOne().from(rv)
				.join(PRICES)
				.on(PRICES.VARIANT_ID.eq(rv.ID).and(PRICES.MARKET_ID.eq(marketId)))
				.where(rv.PRODUCT_ID.eq(PRODUCTS.ID))
				.and(inRange)));
		}
		if (shape.availableOnly()) {
			Variants av = VARIANTS.as("av");
			condition = condition.and(exists(selectOne().from(av)
				.join(PRICES)
				.on(PRICES.VARIANT_ID.eq(av.ID).and(PRICES.MARKET_ID.eq(marketId)))
				.where(av.PRODUCT_ID.eq(PRODUCTS.ID))
				.and(variantAvailable(av).gt(0L))));
		}
		if (shape.after()) {
			Field<UUID> afterId = DSL.param("after_id", UUID.class);
			condition = condition.and(switch (shape.sort()) {
				case NEWEST ->
					row(PRODUCTS.CREATED_AT, PRODUCTS.ID).lt(DSL.param("after_key", OffsetDateTime.class), afterId);
				case PRICE_ASC -> row(lp.PRICE_FROM_MINOR, PRODUCTS.ID).gt(DSL.param("after_key", Long.class), afterId);
				case PRICE_DESC ->
					row(lp.PRICE_FROM_MINOR, PRODUCTS.ID).lt(DSL.param("after_key", Long.class), afterId);
				case COLLECTION ->
					row(COLLECTION_PRODUCTS.POSITION, PRODUCTS.ID).gt(DSL.param("after_key", Integer.class), afterId);
			});
		}
		var from = DSL
			.select(PRODUCTS.ID, PRODUCTS.HANDLE, PRODUCTS.CREATED_AT, PRODUCTS.TITLE, lp.PRICE_FROM_MINOR,
					lp.PRICE_TO_MINOR, lp.LOWEST_30D_MINOR, lp.VARIANT_IDS, COLLECTION_PRODUCTS.POSITION)
			.from(PRODUCTS)
			.join(lp)
			.on(lp.PRODUCT_ID.eq(PRODUCTS.ID).and(lp.MARKET_ID.eq(marketId)));
		var joined = shape.collection()
				? from.join(COLLECTION_PRODUCTS)
					.on(COLLECTION_PRODUCTS.PRODUCT_ID.eq(PRODUCTS.ID))
					.join(COLLECTIONS)
					.on(COLLECTIONS.ID.eq(COLLECTION_PRODUCTS.COLLECTION_ID)
						.and(COLLECTIONS.HANDLE.eq(DSL.param("collection", String.class))))
				: from.leftJoin(COLLECTION_PRODUCTS).on(DSL.falseCondition());
		Table<?> page = joined.where(condition)
			.orderBy(order(shape.sort(), PRODUCTS.CREATED_AT, lp.PRICE_FROM_MINOR, COLLECTION_PRODUCTS.POSITION,
					PRODUCTS.ID))
			.limit(DSL.param("limit", Integer.class))
			.asTable("page");
		Field<UUID> id = page.field(PRODUCTS.ID);
		Field<OffsetDateTime> createdAt = page.field(PRODUCTS.CREATED_AT);
		Field<Long> priceFrom = page.field(lp.PRICE_FROM_MINOR);
		Field<Integer> position = page.field(COLLECTION_PRODUCTS.POSITION);

		// Availability: the best variant on sale in the market, summed over locations
		// (a variant without stock rows has none).
		StockLevels sl = STOCK_LEVELS.as("sl");
		Table<?> perVariant = select(sum(sl.AVAILABLE).cast(Long.class).as("units")).from(sl)
			.where(sl.VARIANT_ID.eq(DSL.any(page.field(lp.VARIANT_IDS))))
			.groupBy(sl.VARIANT_ID)
			.asTable("per_variant");
		Table<?> stock = lateral(select(max(perVariant.field("units", Long.class)).as("best")).from(perVariant))
			.as("stock");
		Table<?> image = lateral(select(PRODUCT_MEDIA.URL, PRODUCT_MEDIA.ALT_TEXT).from(PRODUCT_MEDIA)
			.where(PRODUCT_MEDIA.PRODUCT_ID.eq(id))
			.orderBy(PRODUCT_MEDIA.POSITION)
			.limit(1)).as("image");
		// The columns are read by position in products().
		return DSL
			.select(id, page.field(PRODUCTS.HANDLE), createdAt,
					coalesce(PRODUCT_TRANSLATIONS.TITLE, page.field(PRODUCTS.TITLE)).as("title"), priceFrom,
					page.field(lp.PRICE_TO_MINOR), page.field(lp.LOWEST_30D_MINOR), position,
					stock.field("best", Long.class), image.field(PRODUCT_MEDIA.URL),
					image.field(PRODUCT_MEDIA.ALT_TEXT))
			.from(page)
			.crossJoin(stock)
			.leftJoin(image)
			.on(DSL.trueCondition())
			.leftJoin(PRODUCT_TRANSLATIONS)
			.on(PRODUCT_TRANSLATIONS.PRODUCT_ID.eq(id)
				.and(PRODUCT_TRANSLATIONS.LOCALE.eq(DSL.param("locale", String.class))))
			.orderBy(order(shape.sort(), createdAt, priceFrom, position, id));
	}

	@Override
	public Optional<ProductView> product(String handle, Market market, String locale) {
		DSLContext dsl = this.db.dsl();
		Record product = dsl
			.select(PRODUCTS.ID, PRODUCTS.HANDLE, coalesce(PRODUCT_TRANSLATIONS.TITLE, PRODUCTS.TITLE).as("title"),
					coalesce(PRODUCT_TRANSLATIONS.DESCRIPTION, PRODUCTS.DESCRIPTION).as("description"), PRODUCTS.VENDOR,
					PRODUCTS.ATTRIBUTES, coalesce(PRODUCT_TRANSLATIONS.SEO_TITLE, PRODUCTS.SEO_TITLE).as("seo_title"),
					coalesce(PRODUCT_TRANSLATIONS.SEO_DESCRIPTION, PRODUCTS.SEO_DESCRIPTION).as("seo_description"))
			.from(PRODUCTS)
			.leftJoin(PRODUCT_TRANSLATIONS)
			.on(PRODUCT_TRANSLATIONS.PRODUCT_ID.eq(PRODUCTS.ID).and(PRODUCT_TRANSLATIONS.LOCALE.eq(locale)))
			.where(PRODUCTS.HANDLE.eq(handle), PRODUCTS.STATUS.eq("ACTIVE"))
			.fetchOne();
		if (product == null) {
			return Optional.empty();
		}
		UUID id = product.get(PRODUCTS.ID);
		Variants v = VARIANTS.as("v");
		List<VariantView> variants = dsl
			.select(v.SKU, v.TITLE, v.OPTION_VALUES, v.WEIGHT_GRAMS, PRICES.AMOUNT_MINOR, PRICES.LOWEST_30D_MINOR,
					variantAvailable(v).as("available"))
			.from(v)
			.join(PRICES)
			.on(PRICES.VARIANT_ID.eq(v.ID).and(PRICES.MARKET_ID.eq(market.id())))
			.where(v.PRODUCT_ID.eq(id))
			.orderBy(v.POSITION)
			.fetch((r) -> {
				Money price = Money.ofMinor(r.get(PRICES.AMOUNT_MINOR), market.currency());
				Long lowest = r.get(PRICES.LOWEST_30D_MINOR);
				Money lowest30 = (lowest != null && lowest > r.get(PRICES.AMOUNT_MINOR))
						? Money.ofMinor(lowest, market.currency()) : null;
				return new VariantView(r.get(v.SKU), r.get(v.TITLE), List.of(r.get(v.OPTION_VALUES)),
						r.get(v.WEIGHT_GRAMS), price, lowest30, availability(r.get("available", Long.class)));
			});
		if (variants.isEmpty()) {
			return Optional.empty();
		}
		List<Image> images = dsl.select(PRODUCT_MEDIA.URL, PRODUCT_MEDIA.ALT_TEXT)
			.from(PRODUCT_MEDIA)
			.where(PRODUCT_MEDIA.PRODUCT_ID.eq(id))
			.orderBy(PRODUCT_MEDIA.POSITION)
			.fetch((r) -> new Image(r.value1(), r.value2()));
		List<OptionView> options = dsl.select(PRODUCT_OPTIONS.NAME, PRODUCT_OPTIONS.OPTION_VALUES)
			.from(PRODUCT_OPTIONS)
			.where(PRODUCT_OPTIONS.PRODUCT_ID.eq(id))
			.orderBy(PRODUCT_OPTIONS.POSITION)
			.fetch((r) -> new OptionView(r.value1(), Arrays.asList(r.value2())));
		Money from = variants.stream().map(VariantView::price).min(Money::compareTo).orElseThrow();
		Money to = variants.stream().map(VariantView::price).max(Money::compareTo).orElseThrow();
		Availability availability = variants.stream()
			.map(VariantView::availability)
			.min(Enum::compareTo)
			.orElse(Availability.SOLD_OUT);
		return Optional.of(new ProductView(product.get(PRODUCTS.HANDLE), product.get("title", String.class),
				product.get("description", String.class), product.get(PRODUCTS.VENDOR),
				attributes(product.get(PRODUCTS.ATTRIBUTES)), product.get("seo_title", String.class),
				product.get("seo_description", String.class), images, options, variants, from, to, availability));
	}

	@Override
	public List<CollectionView> collections(String locale) {
		return collectionQuery(locale, DSL.noCondition());
	}

	@Override
	public Optional<CollectionView> collection(String handle, String locale) {
		return collectionQuery(locale, COLLECTIONS.HANDLE.eq(handle)).stream().findFirst();
	}

	private List<CollectionView> collectionQuery(String locale, Condition condition) {
		return this.db.dsl()
			.select(COLLECTIONS.HANDLE, coalesce(COLLECTION_TRANSLATIONS.TITLE, COLLECTIONS.TITLE),
					coalesce(COLLECTION_TRANSLATIONS.DESCRIPTION, COLLECTIONS.DESCRIPTION))
			.from(COLLECTIONS)
			.leftJoin(COLLECTION_TRANSLATIONS)
			.on(COLLECTION_TRANSLATIONS.COLLECTION_ID.eq(COLLECTIONS.ID).and(COLLECTION_TRANSLATIONS.LOCALE.eq(locale)))
			.where(condition)
			.orderBy(COLLECTIONS.HANDLE)
			.fetch((r) -> new CollectionView(r.value1(), r.value2(), r.value3()));
	}

	private static List<SortField<?>> order(Sort sort, Field<OffsetDateTime> createdAt, Field<Long> priceFrom,
			Field<Integer> position, Field<UUID> id) {
		return switch (sort) {
			case NEWEST -> List.of(createdAt.desc(), id.desc());
			case PRICE_ASC -> List.of(priceFrom.asc(), id.asc());
			case PRICE_DESC -> List.of(priceFrom.desc(), id.desc());
			case COLLECTION -> List.of(position.asc(), id.asc());
		};
	}

	/**
	 * Units available of one variant over all locations (0 when it has no stock rows).
	 */
	private static Field<Long> variantAvailable(Variants variant) {
		StockLevels sl = STOCK_LEVELS.as("sl");
		Field<Long> total = select(sum(sl.AVAILABLE).cast(Long.class)).from(sl)
			.where(sl.VARIANT_ID.eq(variant.ID))
			.asField();
		return coalesce(total, inline(0L));
	}

	private Availability availability(@Nullable Long available) {
		if (available == null || available <= 0) {
			return Availability.SOLD_OUT;
		}
		return (available <= this.lowStock) ? Availability.LOW : Availability.IN_STOCK;
	}

	private static @Nullable Long amount(String field, @Nullable String value, Market market,
			List<FieldProblem> problems) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Money.parse(value, market.currency()).minor();
		}
		catch (IllegalArgumentException ex) {
			problems.add(new FieldProblem(field, ex.getMessage()));
			return null;
		}
	}

	private static Map<String, String> attributes(@Nullable JSONB json) {
		if (json == null) {
			return Map.of();
		}
		return JSON.readValue(json.data(), new TypeReference<LinkedHashMap<String, String>>() {
		});
	}

}

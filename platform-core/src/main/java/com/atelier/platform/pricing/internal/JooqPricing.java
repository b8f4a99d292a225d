package com.atelier.platform.pricing.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.atelier.platform.catalog.CatalogCache;
import com.atelier.platform.catalog.CatalogProblems;
import com.atelier.platform.catalog.Cursors;
import com.atelier.platform.catalog.Handles;
import com.atelier.platform.catalog.Page;
import com.atelier.platform.cluster.ClusterSignals;
import com.atelier.platform.identity.Actor;
import com.atelier.platform.identity.AuditLog;
import com.atelier.platform.money.CurrencyCode;
import com.atelier.platform.money.Money;
import com.atelier.platform.money.RoundingRule;
import com.atelier.platform.pricing.Market;
import com.atelier.platform.pricing.Pricing;
import com.atelier.platform.pricing.VariantPrice;
import com.atelier.platform.problem.FieldProblem;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantDsl;
import com.atelier.platform.problem.Problems;

import static com.atelier.platform.jooq.tenant_template.Tables.LISTING_PRICES;
import static com.atelier.platform.jooq.tenant_template.Tables.MARKETS;
import static com.atelier.platform.jooq.tenant_template.Tables.PRICES;
import static com.atelier.platform.jooq.tenant_template.Tables.PRICE_HISTORY;
import static com.atelier.platform.jooq.tenant_template.Tables.PRODUCTS;
import static com.atelier.platform.jooq.tenant_template.Tables.VARIANTS;

/**
 * Markets and prices in the tenant's schema. A price change keeps the old price in
 * {@code price_history} and stores, with the new price, the lowest price of the 30 days
 * before the change (EU Omnibus directive, art. 6a).
 */
@Service
@Transactional
class JooqPricing implements Pricing {

	static final Duration OMNIBUS_WINDOW = Duration.ofDays(30);

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	private final TenantDsl db;

	private final AuditLog audit;

	private final ClusterSignals signals;

	JooqPricing(TenantDsl db, AuditLog audit, ClusterSignals signals) {
		this.db = db;
		this.audit = audit;
		this.signals = signals;
	}

	@Override
	public Market createMarket(String handle, String name, String currency, List<String> countries,
			boolean pricesIncludeTax, boolean isDefault, Actor actor) {
		List<FieldProblem> problems = new ArrayList<>();
		if (handle == null || !Handles.valid(handle) || handle.length() > 40) {
			problems.add(new FieldProblem("handle", "must be 1 to 40 lower-case letters, digits or hyphens"));
		}
		if (name == null || name.isBlank() || name.length() > 100) {
			problems.add(new FieldProblem("name", "must be 1 to 100 characters"));
		}
		if (currency == null || CurrencyCode.parse(currency).isEmpty()) {
			problems.add(new FieldProblem("currency", "must be an ISO 4217 currency code with minor units"));
		}
		checkCountries(countries, problems);
		if (!problems.isEmpty()) {
			throw new CatalogProblems.Invalid(problems);
		}
		DSLContext dsl = this.db.dsl();
		if (dsl.fetchExists(MARKETS, MARKETS.HANDLE.eq(handle))) {
			throw new CatalogProblems.HandleTaken(handle);
		}
		boolean makeDefault = isDefault || !dsl.fetchExists(MARKETS);
		if (makeDefault) {
			dsl.update(MARKETS).set(MARKETS.IS_DEFAULT, false).where(MARKETS.IS_DEFAULT).execute();
		}
		UUID id = UUID.randomUUID();
		dsl.insertInto(MARKETS)
			.set(MARKETS.ID, id)
			.set(MARKETS.HANDLE, handle)
			.set(MARKETS.NAME, name.strip())
			.set(MARKETS.CURRENCY, currency)
			.set(MARKETS.COUNTRIES, upper(countries))
			.set(MARKETS.PRICES_INCLUDE_TAX, pricesIncludeTax)
			.set(MARKETS.IS_DEFAULT, makeDefault)
			.execute();
		Market market = market(id);
		this.audit.record(actor, "market.created", "market", id.toString(), null, market);
		changed();
		return market;
	}

	@Override
	public Market updateMarket(UUID id, @Nullable String name, @Nullable List<String> countries,
			@Nullable Boolean pricesIncludeTax, @Nullable Boolean isDefault, Actor actor) {
		Market before = market(id);
		List<FieldProblem> problems = new ArrayList<>();
		if (name != null && (name.isBlank() || name.length() > 100)) {
			problems.add(new FieldProblem("name", "must be 1 to 100 characters"));
		}
		if (countries != null) {
			checkCountries(countries, problems);
		}
		if (Boolean.FALSE.equals(isDefault) && before.isDefault()) {
			problems.add(new FieldProblem("isDefault", "make another market the default instead"));
		}
		if (!problems.isEmpty()) {
			throw new CatalogProblems.Invalid(problems);
		}
		DSLContext dsl = this.db.dsl();
		if (Boolean.TRUE.equals(isDefault)) {
			dsl.update(MARKETS).set(MARKETS.IS_DEFAULT, false).where(MARKETS.IS_DEFAULT).execute();
		}
		var update = dsl.update(MARKETS).set(MARKETS.ID, id);
		if (name != null) {
			update = update.set(MARKETS.NAME, name.strip());
		}
		if (countries != null) {
			update = update.set(MARKETS.COUNTRIES, upper(countries));
		}
		if (pricesIncludeTax != null) {
			update = update.set(MARKETS.PRICES_INCLUDE_TAX, pricesIncludeTax);
		}
		if (Boolean.TRUE.equals(isDefault)) {
			update = update.set(MARKETS.IS_DEFAULT, true);
		}
		update.where(MARKETS.ID.eq(id)).execute();
		Market after = market(id);
		this.audit.record(actor, "market.updated", "market", id.toString(), before, after);
		changed();
		return after;
	}

	@Override
	@Transactional(readOnly = true)
	public List<Market> markets() {
		return this.db.dsl().selectFrom(MARKETS).orderBy(MARKETS.HANDLE).fetch(JooqPricing::toMarket);
	}

	@Override
	@Transactional(readOnly = true)
	public Market market(UUID id) {
		return this.db.dsl()
			.selectFrom(MARKETS)
			.where(MARKETS.ID.eq(id))
			.fetchOptional(JooqPricing::toMarket)
			.orElseThrow(() -> new CatalogProblems.NotFound("market " + id));
	}

	@Override
	public List<VariantPrice> setPrices(UUID marketId, List<PriceInput> prices, Actor actor) {
		Market market = market(marketId);
		if (prices.isEmpty() || prices.size() > 1000) {
			throw CatalogProblems.Invalid.of("prices", "give 1 to 1000 prices");
		}
		DSLContext dsl = this.db.dsl();
		Map<UUID, String> skuById = new HashMap<>();
		Map<String, UUID> idBySku = new HashMap<>();
		Set<String> skus = new HashSet<>();
		Set<UUID> ids = new HashSet<>();
		for (PriceInput price : prices) {
			if (price.variantId() != null) {
				ids.add(price.variantId());
			}
			if (price.sku() != null) {
				skus.add(price.sku());
			}
		}
		dsl.select(VARIANTS.ID, VARIANTS.SKU)
			.from(VARIANTS)
			.where(VARIANTS.ID.in(ids).or(VARIANTS.SKU.in(skus)))
			.forEach((r) -> {
				skuById.put(r.value1(), r.value2());
				idBySku.put(r.value2(), r.value1());
			});
		List<FieldProblem> problems = new ArrayList<>();
		Map<UUID, Money> resolved = new java.util.LinkedHashMap<>();
		for (int i = 0; i < prices.size(); i++) {
			PriceInput price = prices.get(i);
			String field = "prices[" + i + "]";
			UUID variant = (price.variantId() != null) ? price.variantId()
					: (price.sku() != null) ? idBySku.get(price.sku()) : null;
			if (variant == null || !skuById.containsKey(variant)) {
				problems.add(new FieldProblem(field + ".variant", "names no variant of this brand (variantId or sku)"));
				continue;
			}
			if (price.amount() == null) {
				problems.add(new FieldProblem(field + ".amount", "is required"));
				continue;
			}
			try {
				Money amount = Money.parse(price.amount(), market.currency());
				if (amount.isNegative()) {
					problems.add(new FieldProblem(field + ".amount", "must not be negative"));
				}
				else if (resolved.put(variant, amount) != null) {
					problems.add(new FieldProblem(field + ".variant", "is given twice"));
				}
			}
			catch (IllegalArgumentException ex) {
				problems.add(new FieldProblem(field + ".amount", ex.getMessage()));
			}
		}
		if (!problems.isEmpty()) {
			throw new CatalogProblems.Invalid(problems);
		}
		List<VariantPrice> stored = store(dsl, market, resolved);
		this.audit.record(actor, "prices.set", "market", marketId.toString(), null,
				stored.stream().map((p) -> Map.of("sku", p.sku(), "amount", p.price().amount())).toList());
		changed();
		return stored;
	}

	@Override
	@Transactional(readOnly = true)
	public Page<VariantPrice> prices(UUID marketId, @Nullable String after, int limit) {
		Market market = market(marketId);
		if (limit < 1 || limit > 500) {
			throw CatalogProblems.Invalid.of("limit", "must be between 1 and 500");
		}
		var condition = PRICES.MARKET_ID.eq(marketId);
		if (after != null) {
			condition = condition.and(VARIANTS.SKU.gt(Cursors.decode(after, 1).get(0)));
		}
		List<VariantPrice> rows = new ArrayList<>(this.db.dsl()
			.select(PRICES.VARIANT_ID, VARIANTS.SKU, PRICES.AMOUNT_MINOR, PRICES.LOWEST_30D_MINOR, PRICES.UPDATED_AT)
			.from(PRICES)
			.join(VARIANTS)
			.on(VARIANTS.ID.eq(PRICES.VARIANT_ID))
			.where(condition)
			.orderBy(VARIANTS.SKU)
			.limit(limit + 1)
			.fetch((r) -> toPrice(r, market.currency())));
		String next = null;
		if (rows.size() > limit) {
			rows = rows.subList(0, limit);
			next = Cursors.encode(rows.get(limit - 1).sku());
		}
		return new Page<>(rows, next);
	}

	@Override
	public List<VariantPrice> derivePrices(UUID targetMarketId, UUID baseMarketId, BigDecimal rate,
			RoundingRule rounding, boolean overwrite, Actor actor) {
		Market target = market(targetMarketId);
		Market base = market(baseMarketId);
		List<FieldProblem> problems = new ArrayList<>();
		if (targetMarketId.equals(baseMarketId)) {
			problems.add(new FieldProblem("baseMarketId", "must be another market"));
		}
		if (rate.signum() <= 0) {
			problems.add(new FieldProblem("rate", "must be positive"));
		}
		else if (rate.precision() > 24 || rate.scale() > 12
				|| rate.scale() < 0 && rate.precision() - rate.scale() > 12) {
			problems.add(new FieldProblem("rate", "must be a plain decimal of at most 12 decimals, e.g. \"0.8612\""));
		}
		if (!rounding.increment().currency().equals(target.currency())) {
			problems.add(new FieldProblem("rounding.increment", "must be in " + target.currency()));
		}
		if (!problems.isEmpty()) {
			throw new CatalogProblems.Invalid(problems);
		}
		DSLContext dsl = this.db.dsl();
		Set<UUID> alreadyPriced = new HashSet<>(dsl.select(PRICES.VARIANT_ID)
			.from(PRICES)
			.where(PRICES.MARKET_ID.eq(targetMarketId))
			.fetch(PRICES.VARIANT_ID));
		Map<UUID, Money> derived = new java.util.LinkedHashMap<>();
		dsl.select(PRICES.VARIANT_ID, PRICES.AMOUNT_MINOR)
			.from(PRICES)
			.where(PRICES.MARKET_ID.eq(baseMarketId))
			.orderBy(PRICES.VARIANT_ID)
			.forEach((r) -> {
				if (overwrite || !alreadyPriced.contains(r.value1())) {
					BigDecimal exact = Money.ofMinor(r.value2(), base.currency()).toDecimal().multiply(rate);
					try {
						derived.put(r.value1(), rounding.round(exact));
					}
					catch (IllegalArgumentException ex) {
						throw CatalogProblems.Invalid.of("rate", "gives a price too large for " + target.currency());
					}
				}
			});
		if (derived.isEmpty()) {
			return List.of();
		}
		List<VariantPrice> stored = store(dsl, target, derived);
		this.audit.record(actor, "prices.derived", "market", targetMarketId.toString(), null,
				Map.of("baseMarket", base.handle(), "rate", rate.toPlainString(), "increment",
						rounding.increment().amount(), "mode", rounding.mode().name(), "count", stored.size()));
		changed();
		return stored;
	}

	/**
	 * Recomputes the listing row (price range, Omnibus lowest price) of these products in
	 * one market from their variants' prices.
	 */
	static void refreshListing(DSLContext dsl, UUID marketId, List<UUID> products) {
		if (products.isEmpty()) {
			return;
		}
		dsl.insertInto(LISTING_PRICES, LISTING_PRICES.MARKET_ID, LISTING_PRICES.PRODUCT_ID,
				LISTING_PRICES.PRICE_FROM_MINOR, LISTING_PRICES.PRICE_TO_MINOR, LISTING_PRICES.LOWEST_30D_MINOR,
				LISTING_PRICES.VARIANT_IDS)
			.select(DSL
				.select(PRICES.MARKET_ID, VARIANTS.PRODUCT_ID, DSL.min(PRICES.AMOUNT_MINOR),
						DSL.max(PRICES.AMOUNT_MINOR),
						DSL.min(PRICES.LOWEST_30D_MINOR).filterWhere(PRICES.AMOUNT_MINOR.lt(PRICES.LOWEST_30D_MINOR)),
						DSL.arrayAgg(VARIANTS.ID).orderBy(VARIANTS.POSITION))
				.from(PRICES)
				.join(VARIANTS)
				.on(VARIANTS.ID.eq(PRICES.VARIANT_ID))
				.where(PRICES.MARKET_ID.eq(marketId), VARIANTS.PRODUCT_ID.in(products))
				.groupBy(PRICES.MARKET_ID, VARIANTS.PRODUCT_ID))
			.onConflict(LISTING_PRICES.MARKET_ID, LISTING_PRICES.PRODUCT_ID)
			.doUpdate()
			.set(LISTING_PRICES.PRICE_FROM_MINOR, DSL.excluded(LISTING_PRICES.PRICE_FROM_MINOR))
			.set(LISTING_PRICES.PRICE_TO_MINOR, DSL.excluded(LISTING_PRICES.PRICE_TO_MINOR))
			.set(LISTING_PRICES.LOWEST_30D_MINOR, DSL.excluded(LISTING_PRICES.LOWEST_30D_MINOR))
			.set(LISTING_PRICES.VARIANT_IDS, DSL.excluded(LISTING_PRICES.VARIANT_IDS))
			.execute();
		dsl.deleteFrom(LISTING_PRICES)
			.where(LISTING_PRICES.MARKET_ID.eq(marketId), LISTING_PRICES.PRODUCT_ID.in(products))
			.andNotExists(DSL.selectOne()
				.from(PRICES)
				.join(VARIANTS)
				.on(VARIANTS.ID.eq(PRICES.VARIANT_ID))
				.where(PRICES.MARKET_ID.eq(marketId), VARIANTS.PRODUCT_ID.eq(LISTING_PRICES.PRODUCT_ID)))
			.execute();
	}

	private List<VariantPrice> store(DSLContext dsl, Market market, Map<UUID, Money> prices) {
		// One writer at a time per product: the listing row below is computed from all
		// of a product's prices, so a concurrent change to a sibling variant must be
		// committed (and visible) before this one reads them.
		List<UUID> products = dsl.select(PRODUCTS.ID)
			.from(PRODUCTS)
			.where(PRODUCTS.ID
				.in(DSL.select(VARIANTS.PRODUCT_ID).from(VARIANTS).where(VARIANTS.ID.in(prices.keySet()))))
			.orderBy(PRODUCTS.ID)
			.forNoKeyUpdate()
			.fetch(PRODUCTS.ID);
		OffsetDateTime now = OffsetDateTime.now();
		OffsetDateTime windowStart = now.minus(OMNIBUS_WINDOW);
		for (Map.Entry<UUID, Money> entry : prices.entrySet()) {
			UUID variant = entry.getKey();
			long amount = entry.getValue().minor();
			Long current = dsl.select(PRICES.AMOUNT_MINOR)
				.from(PRICES)
				.where(PRICES.MARKET_ID.eq(market.id()), PRICES.VARIANT_ID.eq(variant))
				.forUpdate()
				.fetchOne(PRICES.AMOUNT_MINOR);
			if (current != null && current == amount) {
				continue;
			}
			// Prices in effect at some time in the 30 days before now: the one in effect
			// when
			// the window opened, and every one set since.
			Long lowest = dsl.select(DSL.min(PRICE_HISTORY.AMOUNT_MINOR))
				.from(PRICE_HISTORY)
				.where(PRICE_HISTORY.MARKET_ID.eq(market.id()), PRICE_HISTORY.VARIANT_ID.eq(variant))
				.and(PRICE_HISTORY.VALID_FROM.ge(windowStart)
					.or(PRICE_HISTORY.VALID_FROM.eq(DSL.select(DSL.max(PRICE_HISTORY.VALID_FROM))
						.from(PRICE_HISTORY)
						.where(PRICE_HISTORY.MARKET_ID.eq(market.id()), PRICE_HISTORY.VARIANT_ID.eq(variant),
								PRICE_HISTORY.VALID_FROM.lt(windowStart)))))
				.fetchOne(0, Long.class);
			dsl.insertInto(PRICES)
				.set(PRICES.VARIANT_ID, variant)
				.set(PRICES.MARKET_ID, market.id())
				.set(PRICES.AMOUNT_MINOR, amount)
				.set(PRICES.LOWEST_30D_MINOR, lowest)
				.set(PRICES.UPDATED_AT, now)
				.onConflict(PRICES.MARKET_ID, PRICES.VARIANT_ID)
				.doUpdate()
				.set(PRICES.AMOUNT_MINOR, amount)
				.set(PRICES.LOWEST_30D_MINOR, lowest)
				.set(PRICES.UPDATED_AT, now)
				.execute();
			dsl.insertInto(PRICE_HISTORY)
				.set(PRICE_HISTORY.VARIANT_ID, variant)
				.set(PRICE_HISTORY.MARKET_ID, market.id())
				.set(PRICE_HISTORY.AMOUNT_MINOR, amount)
				.set(PRICE_HISTORY.VALID_FROM, now)
				.onConflictDoNothing()
				.execute();
		}
		refreshListing(dsl, market.id(), products);
		return dsl
			.select(PRICES.VARIANT_ID, VARIANTS.SKU, PRICES.AMOUNT_MINOR, PRICES.LOWEST_30D_MINOR, PRICES.UPDATED_AT)
			.from(PRICES)
			.join(VARIANTS)
			.on(VARIANTS.ID.eq(PRICES.VARIANT_ID))
			.where(PRICES.MARKET_ID.eq(market.id()), PRICES.VARIANT_ID.in(prices.keySet()))
			.orderBy(VARIANTS.SKU)
			.fetch((r) -> toPrice(r, market.currency()));
	}

	private static VariantPrice toPrice(Record r, CurrencyCode currency) {
		Long lowest = r.get(PRICES.LOWEST_30D_MINOR);
		return new VariantPrice(r.get(PRICES.VARIANT_ID), r.get(VARIANTS.SKU),
				Money.ofMinor(r.get(PRICES.AMOUNT_MINOR), currency),
				(lowest != null) ? Money.ofMinor(lowest, currency) : null, r.get(PRICES.UPDATED_AT).toInstant());
	}

	static Market toMarket(Record r) {
		return new Market(r.get(MARKETS.ID), r.get(MARKETS.HANDLE), r.get(MARKETS.NAME),
				new CurrencyCode(r.get(MARKETS.CURRENCY)), Arrays.asList(r.get(MARKETS.COUNTRIES)),
				r.get(MARKETS.PRICES_INCLUDE_TAX), r.get(MARKETS.IS_DEFAULT));
	}

	private static void checkCountries(@Nullable List<String> countries, List<FieldProblem> problems) {
		if (countries == null) {
			return;
		}
		for (String country : countries) {
			if (country == null || !COUNTRIES.contains(country.toUpperCase(Locale.ROOT))) {
				problems.add(new FieldProblem("countries",
						Problems.quote(country) + " is not an ISO 3166 alpha-2 country code"));
			}
		}
	}

	private static String[] upper(List<String> countries) {
		return countries.stream().map((c) -> c.toUpperCase(Locale.ROOT)).distinct().toArray(String[]::new);
	}

	private void changed() {
		this.signals.publishAfterCommit(CatalogCache.CHANNEL, TenantContext.require().id().toString());
	}

}

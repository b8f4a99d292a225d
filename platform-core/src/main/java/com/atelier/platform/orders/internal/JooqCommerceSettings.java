package com.atelier.platform.orders.internal;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.atelier.platform.catalog.CatalogProblems;
import com.atelier.platform.catalog.Handles;
import com.atelier.platform.catalog.StorefrontCatalog;
import com.atelier.platform.identity.Actor;
import com.atelier.platform.identity.AuditLog;
import com.atelier.platform.jooq.tenant_template.tables.records.CheckoutSettingsRecord;
import com.atelier.platform.jooq.tenant_template.tables.records.MarketsRecord;
import com.atelier.platform.jooq.tenant_template.tables.records.ShippingMethodsRecord;
import com.atelier.platform.money.CurrencyCode;
import com.atelier.platform.money.Money;
import com.atelier.platform.orders.CommerceSettings;
import com.atelier.platform.problem.FieldProblem;
import com.atelier.platform.tenancy.TenantDsl;
import com.atelier.platform.problem.Problems;

import static com.atelier.platform.jooq.tenant_template.Tables.CHECKOUT_SETTINGS;
import static com.atelier.platform.jooq.tenant_template.Tables.MARKETS;
import static com.atelier.platform.jooq.tenant_template.Tables.PRODUCTS;
import static com.atelier.platform.jooq.tenant_template.Tables.SHIPPING_METHODS;
import static com.atelier.platform.jooq.tenant_template.Tables.TAX_RATES;

/**
 * Tax rates, shipping methods, checkout settings and purchase limits; every change
 * audited.
 */
@Service
@Transactional
class JooqCommerceSettings implements CommerceSettings {

	private final TenantDsl db;

	private final AuditLog audit;

	private final StorefrontCatalog catalog;

	JooqCommerceSettings(TenantDsl db, AuditLog audit, StorefrontCatalog catalog) {
		this.db = db;
		this.audit = audit;
		this.catalog = catalog;
	}

	@Override
	public Map<String, BigDecimal> setTaxRates(UUID marketId, Map<String, String> rates, Actor actor) {
		market(marketId);
		List<FieldProblem> problems = new ArrayList<>();
		Map<String, BigDecimal> parsed = new TreeMap<>();
		List<String> iso = Arrays.asList(Locale.getISOCountries());
		if (rates.size() > 300) {
			problems.add(new FieldProblem("rates", "at most 300 countries"));
		}
		for (Map.Entry<String, String> entry : rates.entrySet()) {
			String country = entry.getKey();
			if (country == null || !country.matches("^[A-Z]{2}$") || !iso.contains(country)) {
				problems.add(new FieldProblem("rates." + Problems.prefix(String.valueOf(country), Problems.MAX_QUOTED),
						"is not an ISO 3166 alpha-2 country code"));
				continue;
			}
			try {
				String text = (entry.getValue() != null) ? entry.getValue().strip() : "";
				if (!text.matches("^[0-9]{1,2}(\\.[0-9]{1,5})?$") && !text.matches("^0?\\.[0-9]{1,5}$")) {
					throw new NumberFormatException();
				}
				BigDecimal rate = new BigDecimal(text);
				if (rate.compareTo(BigDecimal.ONE) >= 0) {
					throw new NumberFormatException();
				}
				parsed.put(country, rate.setScale(5));
			}
			catch (NumberFormatException ex) {
				problems.add(new FieldProblem("rates." + country,
						"must be a decimal rate from 0 to below 1 with at most 5 decimals, e.g. 0.2 for 20 %"));
			}
		}
		if (!problems.isEmpty()) {
			throw new CatalogProblems.Invalid(problems);
		}
		DSLContext dsl = this.db.dsl();
		Map<String, BigDecimal> before = taxRates(marketId);
		dsl.deleteFrom(TAX_RATES).where(TAX_RATES.MARKET_ID.eq(marketId)).execute();
		for (Map.Entry<String, BigDecimal> entry : parsed.entrySet()) {
			dsl.insertInto(TAX_RATES)
				.set(TAX_RATES.MARKET_ID, marketId)
				.set(TAX_RATES.COUNTRY, entry.getKey())
				.set(TAX_RATES.RATE, entry.getValue())
				.execute();
		}
		this.audit.record(actor, "tax-rates.set", "market", marketId.toString(), before, parsed);
		return parsed;
	}

	@Override
	@Transactional(readOnly = true)
	public Map<String, BigDecimal> taxRates(UUID marketId) {
		market(marketId);
		return new TreeMap<>(this.db.dsl()
			.select(TAX_RATES.COUNTRY, TAX_RATES.RATE)
			.from(TAX_RATES)
			.where(TAX_RATES.MARKET_ID.eq(marketId))
			.fetchMap(TAX_RATES.COUNTRY, TAX_RATES.RATE));
	}

	@Override
	public ShippingMethod createShippingMethod(UUID marketId, String handle, String name, String amount,
			@Nullable String freeFrom, Actor actor) {
		MarketsRecord market = market(marketId);
		CurrencyCode currency = new CurrencyCode(market.getCurrency());
		List<FieldProblem> problems = new ArrayList<>();
		if (handle == null || !Handles.valid(handle) || handle.length() > 40) {
			problems.add(new FieldProblem("handle", "must be 1 to 40 lower-case letters, digits or hyphens"));
		}
		if (name == null || name.isBlank() || name.length() > 100) {
			problems.add(new FieldProblem("name", "must be 1 to 100 characters"));
		}
		Money price = money("amount", amount, currency, problems);
		Money free = (freeFrom != null) ? money("freeFrom", freeFrom, currency, problems) : null;
		if (!problems.isEmpty()) {
			throw new CatalogProblems.Invalid(problems);
		}
		DSLContext dsl = this.db.dsl();
		if (dsl.fetchExists(SHIPPING_METHODS, SHIPPING_METHODS.MARKET_ID.eq(marketId),
				SHIPPING_METHODS.HANDLE.eq(handle))) {
			throw new CatalogProblems.HandleTaken(handle);
		}
		UUID id = UUID.randomUUID();
		dsl.insertInto(SHIPPING_METHODS)
			.set(SHIPPING_METHODS.ID, id)
			.set(SHIPPING_METHODS.MARKET_ID, marketId)
			.set(SHIPPING_METHODS.HANDLE, handle)
			.set(SHIPPING_METHODS.NAME, name.strip())
			.set(SHIPPING_METHODS.AMOUNT_MINOR, price.minor())
			.set(SHIPPING_METHODS.FREE_FROM_MINOR, (free != null) ? free.minor() : null)
			.execute();
		ShippingMethod method = new ShippingMethod(id, market.getHandle(), handle, name.strip(), price, free);
		this.audit.record(actor, "shipping-method.created", "shipping-method", id.toString(), null,
				Map.of("market", market.getHandle(), "handle", handle, "amount", price.amount()));
		return method;
	}

	private static @Nullable Money money(String field, @Nullable String amount, CurrencyCode currency,
			List<FieldProblem> problems) {
		if (amount == null) {
			problems.add(new FieldProblem(field, "is required"));
			return null;
		}
		try {
			Money money = Money.parse(amount, currency);
			if (money.isNegative()) {
				problems.add(new FieldProblem(field, "must not be negative"));
			}
			return money;
		}
		catch (IllegalArgumentException ex) {
			problems.add(new FieldProblem(field, ex.getMessage()));
			return null;
		}
	}

	@Override
	@Transactional(readOnly = true)
	public List<ShippingMethod> shippingMethods(UUID marketId) {
		MarketsRecord market = market(marketId);
		return this.db.dsl()
			.selectFrom(SHIPPING_METHODS)
			.where(SHIPPING_METHODS.MARKET_ID.eq(marketId))
			.orderBy(SHIPPING_METHODS.AMOUNT_MINOR, SHIPPING_METHODS.HANDLE)
			.fetch((r) -> toMethod(market, r));
	}

	@Override
	@Transactional(readOnly = true)
	public List<ShippingMethod> shippingMethodsOf(@Nullable String market) {
		UUID id = this.catalog.market(market).id();
		MarketsRecord record = market(id);
		return this.db.dsl()
			.selectFrom(SHIPPING_METHODS)
			.where(SHIPPING_METHODS.MARKET_ID.eq(id), SHIPPING_METHODS.ACTIVE.isTrue())
			.orderBy(SHIPPING_METHODS.AMOUNT_MINOR, SHIPPING_METHODS.HANDLE)
			.fetch((r) -> toMethod(record, r));
	}

	private static ShippingMethod toMethod(MarketsRecord market, ShippingMethodsRecord r) {
		CurrencyCode currency = new CurrencyCode(market.getCurrency());
		return new ShippingMethod(r.getId(), market.getHandle(), r.getHandle(), r.getName(),
				Money.ofMinor(r.getAmountMinor(), currency),
				(r.getFreeFromMinor() != null) ? Money.ofMinor(r.getFreeFromMinor(), currency) : null);
	}

	@Override
	@Transactional(readOnly = true)
	public CheckoutSettings checkoutSettings() {
		CheckoutSettingsRecord r = this.db.dsl().fetchSingle(CHECKOUT_SETTINGS);
		return new CheckoutSettings(r.getReservationMinutes(), r.getLowStockThreshold(), r.getStorefrontManualPayment(),
				r.getUnpaidOrdersPerEmail(), r.getUnpaidOrdersPerIp(), r.getUnpaidOrdersPerDevice());
	}

	@Override
	public CheckoutSettings updateCheckoutSettings(CheckoutSettingsChange change, Actor actor) {
		List<FieldProblem> problems = new ArrayList<>();
		Integer reservationMinutes = change.reservationMinutes();
		Integer lowStockThreshold = change.lowStockThreshold();
		if (reservationMinutes != null && (reservationMinutes < 1 || reservationMinutes > 1440)) {
			problems.add(new FieldProblem("reservationMinutes", "must be between 1 and 1440"));
		}
		if (lowStockThreshold != null && (lowStockThreshold < 0 || lowStockThreshold > 1_000_000)) {
			problems.add(new FieldProblem("lowStockThreshold", "must be between 0 and 1000000"));
		}
		limit("unpaidOrdersPerEmail", change.unpaidOrdersPerEmail(), problems);
		limit("unpaidOrdersPerIp", change.unpaidOrdersPerIp(), problems);
		limit("unpaidOrdersPerDevice", change.unpaidOrdersPerDevice(), problems);
		if (!problems.isEmpty()) {
			throw new CatalogProblems.Invalid(problems);
		}
		CheckoutSettings before = checkoutSettings();
		this.db.dsl()
			.update(CHECKOUT_SETTINGS)
			.set(CHECKOUT_SETTINGS.RESERVATION_MINUTES,
					(reservationMinutes != null) ? reservationMinutes : before.reservationMinutes())
			.set(CHECKOUT_SETTINGS.LOW_STOCK_THRESHOLD,
					(lowStockThreshold != null) ? lowStockThreshold : before.lowStockThreshold())
			.set(CHECKOUT_SETTINGS.STOREFRONT_MANUAL_PAYMENT,
					(change.storefrontManualPayment() != null) ? change.storefrontManualPayment()
							: before.storefrontManualPayment())
			.set(CHECKOUT_SETTINGS.UNPAID_ORDERS_PER_EMAIL,
					limitValue(change.unpaidOrdersPerEmail(), before.unpaidOrdersPerEmail()))
			.set(CHECKOUT_SETTINGS.UNPAID_ORDERS_PER_IP,
					limitValue(change.unpaidOrdersPerIp(), before.unpaidOrdersPerIp()))
			.set(CHECKOUT_SETTINGS.UNPAID_ORDERS_PER_DEVICE,
					limitValue(change.unpaidOrdersPerDevice(), before.unpaidOrdersPerDevice()))
			.set(CHECKOUT_SETTINGS.UPDATED_AT, OffsetDateTime.now())
			.execute();
		CheckoutSettings after = checkoutSettings();
		this.audit.record(actor, "checkout-settings.updated", "checkout-settings", null, before, after);
		return after;
	}

	private static void limit(String field, @Nullable Integer value, List<FieldProblem> problems) {
		if (value != null && (value < 0 || value > 10_000)) {
			problems.add(new FieldProblem(field, "must be between 1 and 10000, or 0 for no limit"));
		}
	}

	private static @Nullable Integer limitValue(@Nullable Integer change, @Nullable Integer before) {
		if (change == null) {
			return before;
		}
		return (change == 0) ? null : change;
	}

	@Override
	public void setPurchaseLimit(UUID productId, @Nullable Integer limit, Actor actor) {
		if (limit != null && (limit < 1 || limit > 1000)) {
			throw CatalogProblems.Invalid.of("limit", "must be between 1 and 1000, or null for no limit");
		}
		DSLContext dsl = this.db.dsl();
		Integer before = dsl.select(PRODUCTS.PURCHASE_LIMIT)
			.from(PRODUCTS)
			.where(PRODUCTS.ID.eq(productId))
			.fetchOptional()
			.orElseThrow(() -> new CatalogProblems.NotFound("product " + productId))
			.value1();
		dsl.update(PRODUCTS).set(PRODUCTS.PURCHASE_LIMIT, limit).where(PRODUCTS.ID.eq(productId)).execute();
		this.audit.record(actor, "product.purchase-limit-set", "product", productId.toString(),
				java.util.Collections.singletonMap("purchaseLimit", before),
				java.util.Collections.singletonMap("purchaseLimit", limit));
	}

	private MarketsRecord market(UUID id) {
		MarketsRecord market = this.db.dsl().fetchOne(MARKETS, MARKETS.ID.eq(id));
		if (market == null) {
			throw new CatalogProblems.NotFound("market " + id);
		}
		return market;
	}

}

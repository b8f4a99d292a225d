package com.atelier.platform.orders.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import com.atelier.platform.catalog.CatalogProblems;
import com.atelier.platform.jooq.tenant_template.tables.records.CartsRecord;
import com.atelier.platform.jooq.tenant_template.tables.records.MarketsRecord;
import com.atelier.platform.jooq.tenant_template.tables.records.ShippingMethodsRecord;
import com.atelier.platform.money.CurrencyCode;
import com.atelier.platform.money.Money;
import com.atelier.platform.orders.Cart;
import com.atelier.platform.orders.Totals;
import com.atelier.platform.tenancy.TenantDsl;

import static com.atelier.platform.jooq.tenant_template.Tables.CARTS;
import static com.atelier.platform.jooq.tenant_template.Tables.CHECKOUT_SETTINGS;
import static com.atelier.platform.jooq.tenant_template.Tables.CART_LINES;
import static com.atelier.platform.jooq.tenant_template.Tables.MARKETS;
import static com.atelier.platform.jooq.tenant_template.Tables.PRICES;
import static com.atelier.platform.jooq.tenant_template.Tables.PRODUCTS;
import static com.atelier.platform.jooq.tenant_template.Tables.SHIPPING_METHODS;
import static com.atelier.platform.jooq.tenant_template.Tables.TAX_RATES;
import static com.atelier.platform.jooq.tenant_template.Tables.VARIANTS;

/**
 * Reads carts and prices them: shared by the cart API and checkout, so a cart shows
 * exactly what checkout will charge.
 */
@Component
class CartStore {

	private final TenantDsl db;

	CartStore(TenantDsl db) {
		this.db = db;
	}

	DSLContext dsl() {
		return this.db.dsl();
	}

	/** The cart of a token, in any status, or not found. */
	CartsRecord byToken(String token) {
		if (!CartTokens.wellFormed(token)) {
			throw new CatalogProblems.NotFound("cart");
		}
		CartsRecord cart = dsl().fetchOne(CARTS, CARTS.TOKEN_HASH.eq(CartTokens.hash(token)));
		if (cart == null) {
			throw new CatalogProblems.NotFound("cart");
		}
		return cart;
	}

	MarketsRecord market(UUID id) {
		return dsl().fetchSingle(MARKETS, MARKETS.ID.eq(id));
	}

	/** Lines with product, variant and the market's price (null when none). */
	List<LineRow> lines(UUID cartId, UUID marketId) {
		return dsl()
			.select(CART_LINES.ID, CART_LINES.VARIANT_ID, VARIANTS.SKU, PRODUCTS.ID, PRODUCTS.HANDLE, PRODUCTS.TITLE,
					VARIANTS.TITLE, CART_LINES.PERSONALIZATION, CART_LINES.QUANTITY, PRICES.AMOUNT_MINOR,
					PRODUCTS.STATUS, PRODUCTS.PURCHASE_LIMIT)
			.from(CART_LINES)
			.join(VARIANTS)
			.on(VARIANTS.ID.eq(CART_LINES.VARIANT_ID))
			.join(PRODUCTS)
			.on(PRODUCTS.ID.eq(VARIANTS.PRODUCT_ID))
			.leftJoin(PRICES)
			.on(PRICES.VARIANT_ID.eq(CART_LINES.VARIANT_ID), PRICES.MARKET_ID.eq(marketId))
			.where(CART_LINES.CART_ID.eq(cartId))
			.orderBy(CART_LINES.POSITION)
			.fetch((r) -> new LineRow(r.get(CART_LINES.ID), r.get(CART_LINES.VARIANT_ID), r.get(VARIANTS.SKU),
					r.get(PRODUCTS.ID), r.get(PRODUCTS.HANDLE), r.get(PRODUCTS.TITLE), r.get(VARIANTS.TITLE),
					r.get(CART_LINES.PERSONALIZATION), r.get(CART_LINES.QUANTITY),
					"ACTIVE".equals(r.get(PRODUCTS.STATUS)) ? r.get(PRICES.AMOUNT_MINOR) : null,
					r.get(PRODUCTS.PURCHASE_LIMIT)));
	}

	/**
	 * The market, the destination's tax rate, the chosen shipping method, whether the
	 * market has any, and the reservation time: one query.
	 */
	Context context(UUID marketId, @Nullable String country, @Nullable UUID shippingMethodId) {
		var any = SHIPPING_METHODS.as("any_method");
		var hasShipping = DSL
			.field(DSL.exists(DSL.selectOne().from(any).where(any.MARKET_ID.eq(MARKETS.ID), any.ACTIVE.isTrue())))
			.as("has_shipping");
		var minutes = DSL.field(DSL.select(CHECKOUT_SETTINGS.RESERVATION_MINUTES).from(CHECKOUT_SETTINGS))
			.as("reservation_minutes");
		Record r = dsl().select(MARKETS.fields())
			.select(TAX_RATES.RATE)
			.select(SHIPPING_METHODS.fields())
			.select(hasShipping, minutes)
			.from(MARKETS)
			.leftJoin(TAX_RATES)
			.on(TAX_RATES.MARKET_ID.eq(MARKETS.ID), TAX_RATES.COUNTRY.eq((country != null) ? country : ""))
			.leftJoin(SHIPPING_METHODS)
			.on(SHIPPING_METHODS.ID.eq(shippingMethodId), SHIPPING_METHODS.MARKET_ID.eq(MARKETS.ID))
			.where(MARKETS.ID.eq(marketId))
			.fetchSingle();
		BigDecimal rate = r.get(TAX_RATES.RATE);
		Integer reservationMinutes = r.get(minutes);
		return new Context(r.into(MARKETS), (rate != null) ? rate : BigDecimal.ZERO,
				(r.get(SHIPPING_METHODS.ID) != null) ? r.into(SHIPPING_METHODS) : null,
				Boolean.TRUE.equals(r.get(hasShipping)), (reservationMinutes != null) ? reservationMinutes : 15);
	}

	/** Prices everything; lines without a price count as zero (and block checkout). */
	Priced price(CartsRecord cart) {
		Context context = context(cart.getMarketId(), cart.getCountry(), cart.getShippingMethodId());
		MarketsRecord market = context.market();
		CurrencyCode currency = new CurrencyCode(market.getCurrency());
		List<LineRow> rows = lines(cart.getId(), market.getId());
		BigDecimal rate = context.rate();
		boolean included = market.getPricesIncludeTax();
		List<Pricer.Priced> priced = new ArrayList<>();
		List<Cart.Line> lines = new ArrayList<>();
		long subtotal = 0;
		for (LineRow row : rows) {
			Pricer.Priced p = (row.unitMinor() != null)
					? new Pricer.Priced(Pricer.subtotal(row.unitMinor(), row.quantity()),
							Pricer.tax(Pricer.subtotal(row.unitMinor(), row.quantity()), rate, included))
					: new Pricer.Priced(0, 0);
			priced.add(p);
			subtotal = Math.addExact(subtotal, p.subtotal());
			lines.add(new Cart.Line(row.lineId(), row.variantId(), row.sku(), row.productHandle(), row.title(),
					row.variantTitle(), row.personalization(), row.quantity(),
					(row.unitMinor() != null) ? Money.ofMinor(row.unitMinor(), currency) : null,
					(row.unitMinor() != null) ? Money.ofMinor(p.subtotal(), currency) : null,
					(row.unitMinor() != null) ? Money.ofMinor(p.tax(), currency) : null));
		}
		ShippingMethodsRecord method = context.method();
		long shipping = (method != null) ? Pricer.shipping(method.getAmountMinor(), method.getFreeFromMinor(), subtotal)
				: 0;
		Totals totals = Pricer.totals(currency, priced, shipping, rate, included);
		return new Priced(cart, market, currency, rows, priced, lines, method, rate, totals, context);
	}

	Cart view(CartsRecord cart, @Nullable String token) {
		return view(price(cart), token);
	}

	Cart view(Priced priced, @Nullable String token) {
		CartsRecord cart = priced.cart();
		return new Cart(cart.getId(), token, cart.getStatus().toLowerCase(java.util.Locale.ROOT),
				priced.market().getHandle(), priced.currency().code(), cart.getCustomerId(), cart.getEmail(),
				cart.getCountry(), (priced.method() != null) ? priced.method().getHandle() : null, priced.lines(),
				priced.totals());
	}

	static List<String> countries(MarketsRecord market) {
		return (market.getCountries() != null) ? Arrays.asList(market.getCountries()) : List.of();
	}

	/**
	 * @param lineId line
	 * @param variantId variant
	 * @param sku SKU
	 * @param productId product
	 * @param productHandle product handle
	 * @param title product title
	 * @param variantTitle variant title
	 * @param personalization personalization
	 * @param quantity units
	 * @param unitMinor the market's price, null when it has none or the product is not on
	 * sale
	 * @param purchaseLimit the product's per-customer limit, or null
	 */
	record LineRow(UUID lineId, UUID variantId, String sku, UUID productId, String productHandle, String title,
			String variantTitle, String personalization, int quantity, @Nullable Long unitMinor,
			@Nullable Integer purchaseLimit) {
	}

	/**
	 * A priced cart.
	 */
	record Priced(CartsRecord cart, MarketsRecord market, CurrencyCode currency, List<LineRow> rows,
			List<Pricer.Priced> priced, List<Cart.Line> lines, @Nullable ShippingMethodsRecord method, BigDecimal rate,
			Totals totals, Context context) {
	}

	/**
	 * @param market the market
	 * @param rate the destination's tax rate (0 when none)
	 * @param method the chosen shipping method, or null
	 * @param hasShipping whether the market has active shipping methods
	 * @param reservationMinutes the tenant's reservation time
	 */
	record Context(MarketsRecord market, BigDecimal rate, @Nullable ShippingMethodsRecord method, boolean hasShipping,
			int reservationMinutes) {
	}

}

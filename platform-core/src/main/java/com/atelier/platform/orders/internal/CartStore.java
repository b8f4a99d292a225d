package com.atelier.platform.orders.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import com.atelier.platform.catalog.CatalogProblems;
import com.atelier.platform.jooq.tenant_template.tables.records.CartsRecord;
import com.atelier.platform.jooq.tenant_template.tables.records.MarketsRecord;
import com.atelier.platform.jooq.tenant_template.tables.records.ShippingMethodsRecord;
import com.atelier.platform.money.CurrencyCode;
import com.atelier.platform.money.Money;
import com.atelier.platform.orders.Cart;
import com.atelier.platform.orders.OrderProblems;
import com.atelier.platform.orders.Totals;
import com.atelier.platform.tenancy.PlainSql;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantDsl;

import static com.atelier.platform.jooq.tenant_template.Tables.CARTS;
import static com.atelier.platform.jooq.tenant_template.Tables.MARKETS;
import static com.atelier.platform.jooq.tenant_template.Tables.SHIPPING_METHODS;

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

	/**
	 * The whole priced cart in one statement: the cart (claimed for checkout when
	 * {@code claim}: {@code OPEN} to {@code CHECKED_OUT}, atomically), its market, the
	 * destination's tax rate, the chosen shipping method, the reservation time, and each
	 * line with its product, price in the market and units available now. Written as SQL
	 * (schema-qualified with the current tenant's validated schema name) because it runs
	 * on every cart view and checkout, where rendering a query this size costs more than
	 * PostgreSQL spends running it.
	 * @param where {@code id} or {@code token} (the token's hash)
	 * @param key the cart id or token hash
	 * @param claim whether to claim an open cart for checkout
	 * @return the priced cart, or null when no (open, for a claim) cart matches
	 */
	@Nullable Priced read(String where, Object key, boolean claim) {
		String t = TenantContext.require().schema().quoted() + ".";
		String cart = claim ? "update " + t + "carts set status = 'CHECKED_OUT', updated_at = now()"
				+ " where token_hash = ? and status = 'OPEN'"
				+ " returning id, token_hash, market_id, customer_id, status, email, country, shipping_method_id,"
				+ " created_at, updated_at"
				: "select * from " + t + "carts where " + ("id".equals(where) ? "id" : "token_hash") + " = ?";
		String sql = "with c as (" + cart + ")"
				+ " select c.id, c.token_hash, c.market_id, c.customer_id, c.status, c.email, c.country,"
				+ " c.shipping_method_id, c.created_at, c.updated_at,"
				+ " m.handle as m_handle, m.name as m_name, m.currency, m.countries, m.prices_include_tax,"
				+ " m.is_default, coalesce(tr.rate, 0) as rate,"
				+ " sm.id as sm_id, sm.handle as sm_handle, sm.name as sm_name, sm.amount_minor as sm_amount,"
				+ " sm.free_from_minor as sm_free_from," + " exists (select 1 from " + t
				+ "shipping_methods a where a.market_id = m.id and a.active)" + " as has_shipping,"
				+ " cs.reservation_minutes, cs.storefront_manual_payment, cs.unpaid_orders_per_email,"
				+ " cs.unpaid_orders_per_ip, cs.unpaid_orders_per_device,"
				+ " l.id as line_id, l.variant_id, v.sku, p.id as product_id, p.handle as p_handle, p.title,"
				+ " v.title as v_title, l.personalization, l.quantity,"
				+ " case when p.status = 'ACTIVE' then pr.amount_minor end as unit_minor, p.purchase_limit,"
				+ " st.available, st.locations" + " from c join " + t + "markets m on m.id = c.market_id"
				+ " left join " + t + "checkout_settings cs on true" + " left join " + t
				+ "tax_rates tr on tr.market_id = m.id and tr.country = c.country" + " left join " + t
				+ "shipping_methods sm on sm.id = c.shipping_method_id and sm.market_id = m.id" + " left join " + t
				+ "cart_lines l on l.cart_id = c.id" + " left join " + t + "variants v on v.id = l.variant_id"
				+ " left join " + t + "products p on p.id = v.product_id" + " left join " + t
				+ "prices pr on pr.variant_id = l.variant_id and pr.market_id = m.id"
				+ " left join lateral (select coalesce(sum(s.on_hand - s.reserved), 0)::int as available,"
				+ " count(*)::int as locations from " + t
				+ "stock_levels s where s.variant_id = l.variant_id) st on l.id is not null" + " order by l.position";
		List<PlainSql.Row> result = PlainSql.query(dsl(), sql, PlainSql.Row::of, key);
		if (result.isEmpty()) {
			return null;
		}
		PlainSql.Row first = result.get(0);
		CartsRecord cartRecord = dsl().newRecord(CARTS);
		cartRecord.setId(first.get("id", UUID.class));
		cartRecord.setTokenHash(first.get("token_hash", String.class));
		cartRecord.setMarketId(first.get("market_id", UUID.class));
		cartRecord.setCustomerId(first.get("customer_id", UUID.class));
		cartRecord.setStatus(first.get("status", String.class));
		cartRecord.setEmail(first.get("email", String.class));
		cartRecord.setCountry(first.get("country", String.class));
		cartRecord.setShippingMethodId(first.get("shipping_method_id", UUID.class));
		cartRecord.setCreatedAt(first.get("created_at", java.time.OffsetDateTime.class));
		cartRecord.setUpdatedAt(first.get("updated_at", java.time.OffsetDateTime.class));
		cartRecord.changed(false);
		MarketsRecord market = dsl().newRecord(MARKETS);
		market.setId(cartRecord.getMarketId());
		market.setHandle(first.get("m_handle", String.class));
		market.setName(first.get("m_name", String.class));
		market.setCurrency(first.get("currency", String.class));
		market.setCountries(first.get("countries", String[].class));
		market.setPricesIncludeTax(first.get("prices_include_tax", Boolean.class));
		market.setIsDefault(first.get("is_default", Boolean.class));
		ShippingMethodsRecord method = null;
		if (first.get("sm_id", UUID.class) != null) {
			method = dsl().newRecord(SHIPPING_METHODS);
			method.setId(first.get("sm_id", UUID.class));
			method.setMarketId(market.getId());
			method.setHandle(first.get("sm_handle", String.class));
			method.setName(first.get("sm_name", String.class));
			method.setAmountMinor(first.get("sm_amount", Long.class));
			method.setFreeFromMinor(first.get("sm_free_from", Long.class));
		}
		Integer minutes = first.get("reservation_minutes", Integer.class);
		Context context = new Context(market, first.get("rate", BigDecimal.class), method,
				Boolean.TRUE.equals(first.get("has_shipping", Boolean.class)), (minutes != null) ? minutes : 15,
				!Boolean.FALSE.equals(first.get("storefront_manual_payment", Boolean.class)),
				new UnpaidLimits(first.get("unpaid_orders_per_email", Integer.class),
						first.get("unpaid_orders_per_ip", Integer.class),
						first.get("unpaid_orders_per_device", Integer.class)));
		List<LineRow> rows = new ArrayList<>();
		for (PlainSql.Row r : result) {
			if (r.get("line_id", UUID.class) != null) {
				rows.add(new LineRow(r.get("line_id", UUID.class), r.get("variant_id", UUID.class),
						r.get("sku", String.class), r.get("product_id", UUID.class), r.get("p_handle", String.class),
						r.get("title", String.class), r.get("v_title", String.class),
						r.get("personalization", String.class), r.get("quantity", Integer.class),
						r.get("unit_minor", Long.class), r.get("purchase_limit", Integer.class),
						r.get("available", Integer.class), r.get("locations", Integer.class)));
			}
		}
		return price(cartRecord, context, rows);
	}

	/**
	 * Prices everything; lines without a price count as zero (and block checkout). The
	 * arithmetic is exact: a total that does not fit an amount is refused with
	 * {@link OrderProblems.AmountTooLarge}, so the request that led to it (adding units,
	 * checking out) changes nothing.
	 */
	private Priced price(CartsRecord cart, Context context, List<LineRow> rows) {
		try {
			return priceExactly(cart, context, rows);
		}
		catch (ArithmeticException ex) {
			throw new OrderProblems.AmountTooLarge("The cart's total would be larger than the largest amount Atelier"
					+ " can charge; remove units or lines.");
		}
	}

	private Priced priceExactly(CartsRecord cart, Context context, List<LineRow> rows) {
		MarketsRecord market = context.market();
		CurrencyCode currency = new CurrencyCode(market.getCurrency());
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
		Priced priced = read("id", cart.getId(), false);
		if (priced == null) {
			throw new CatalogProblems.NotFound("cart");
		}
		return view(priced, token);
	}

	Cart view(Priced priced, @Nullable String token) {
		CartsRecord cart = priced.cart();
		return new Cart(cart.getId(), token, cart.getStatus().toLowerCase(java.util.Locale.ROOT),
				priced.market().getHandle(), priced.currency().code(), cart.getCustomerId(), cart.getEmail(),
				cart.getCountry(), (priced.method() != null) ? priced.method().getHandle() : null, priced.lines(),
				priced.totals());
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
	 * @param available units of the variant available now (without locks), when read
	 */
	record LineRow(UUID lineId, UUID variantId, String sku, UUID productId, String productHandle, String title,
			String variantTitle, String personalization, int quantity, @Nullable Long unitMinor,
			@Nullable Integer purchaseLimit, @Nullable Integer available, @Nullable Integer locations) {
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
	 * @param manualOnStorefront whether shoppers may choose manual payment
	 * @param unpaid the limits of open unpaid orders
	 */
	record Context(MarketsRecord market, BigDecimal rate, @Nullable ShippingMethodsRecord method, boolean hasShipping,
			int reservationMinutes, boolean manualOnStorefront, UnpaidLimits unpaid) {
	}

	/**
	 * Open unpaid orders one buyer may hold at once (null: no limit).
	 *
	 * @param perEmail per normalised e-mail address
	 * @param perIp per network address
	 * @param perDevice per device the front end names
	 */
	record UnpaidLimits(@Nullable Integer perEmail, @Nullable Integer perIp, @Nullable Integer perDevice) {
	}

}

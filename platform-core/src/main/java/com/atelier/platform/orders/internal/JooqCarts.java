package com.atelier.platform.orders.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.atelier.platform.catalog.CatalogProblems;
import com.atelier.platform.catalog.StorefrontCatalog;
import com.atelier.platform.identity.Customers;
import com.atelier.platform.identity.Emails;
import com.atelier.platform.jooq.tenant_template.tables.records.CartLinesRecord;
import com.atelier.platform.jooq.tenant_template.tables.records.CartsRecord;
import com.atelier.platform.orders.Cart;
import com.atelier.platform.orders.Carts;
import com.atelier.platform.orders.OrderProblems;
import com.atelier.platform.orders.Totals;
import com.atelier.platform.tenancy.PlainSql;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.money.Money;
import com.atelier.platform.pricing.Market;
import com.atelier.platform.problem.FieldProblem;

import static com.atelier.platform.jooq.tenant_template.Tables.CARTS;
import static com.atelier.platform.jooq.tenant_template.Tables.CART_LINES;
import static com.atelier.platform.jooq.tenant_template.Tables.PRODUCTS;
import static com.atelier.platform.jooq.tenant_template.Tables.VARIANTS;

/**
 * Carts in the tenant's schema. Every change is one short transaction; an open cart takes
 * changes, a checked-out or merged one refuses them.
 */
@Service
@Transactional
class JooqCarts implements Carts {

	static final int MAX_LINES = 100;

	private final CartStore store;

	private final StorefrontCatalog catalog;

	private final Customers customers;

	JooqCarts(CartStore store, StorefrontCatalog catalog, Customers customers) {
		this.store = store;
		this.catalog = catalog;
		this.customers = customers;
	}

	@Override
	public Cart create(@Nullable String market) {
		Market chosen = this.catalog.market(market);
		String token = CartTokens.generate();
		CartsRecord cart = this.store.dsl().newRecord(CARTS);
		cart.setId(UUID.randomUUID());
		cart.setTokenHash(CartTokens.hash(token));
		cart.setMarketId(chosen.id());
		cart.setStatus("OPEN");
		cart.store();
		// A new cart is empty: its view needs no query.
		Money zero = Money.zero(chosen.currency());
		return new Cart(cart.getId(), token, "open", chosen.handle(), chosen.currency().code(), null, null, null, null,
				List.of(), new Totals(zero, zero, zero, zero, zero, chosen.pricesIncludeTax()));
	}

	@Override
	@Transactional(readOnly = true)
	public Cart get(String token) {
		CartStore.Priced priced = CartTokens.wellFormed(token) ? this.store.read("token", CartTokens.hash(token), false)
				: null;
		if (priced == null) {
			throw new CatalogProblems.NotFound("cart");
		}
		return this.store.view(priced, null);
	}

	@Override
	public Cart addLine(String token, @Nullable UUID variantId, @Nullable String sku, int quantity,
			@Nullable String personalization) {
		CartsRecord cart = open(token);
		DSLContext dsl = this.store.dsl();
		List<FieldProblem> problems = new ArrayList<>();
		if (quantity < 1 || quantity > 999) {
			problems.add(new FieldProblem("quantity", "must be between 1 and 999"));
		}
		String note = (personalization != null) ? personalization.strip() : "";
		if (note.length() > 200) {
			problems.add(new FieldProblem("personalization", "must be at most 200 characters"));
		}
		if (variantId == null && (sku == null || sku.isBlank())) {
			problems.add(new FieldProblem("sku", "a variant id or a SKU is required"));
		}
		if (!problems.isEmpty()) {
			throw new CatalogProblems.Invalid(problems);
		}
		// One statement: find the variant on sale, then add a line at the end or more
		// units to the equal line (at most 999).
		String t = TenantContext.require().schema().quoted() + ".";
		String sql = "insert into " + t + "cart_lines as cl (id, cart_id, variant_id, quantity, personalization,"
				+ " position) select ?, ?, v.id, ?, ?, (select coalesce(max(position) + 1, 0) from " + t
				+ "cart_lines where cart_id = ?) from " + t + "variants v join " + t
				+ "products p on p.id = v.product_id where (v.id = ?::uuid or v.sku = ?) and p.status = 'ACTIVE'"
				+ " on conflict (cart_id, variant_id, personalization) do update set quantity = cl.quantity"
				+ " + excluded.quantity where cl.quantity + excluded.quantity <= 999"
				+ " returning (xmax = 0) as inserted, (select count(*) from " + t
				+ "cart_lines where cart_id = ?)::int as lines_before";
		PlainSql.Row added = PlainSql
			.query(dsl, sql, PlainSql.Row::of, UUID.randomUUID(), cart.getId(), quantity, note, cart.getId(), variantId,
					(variantId != null) ? null : sku, cart.getId())
			.stream()
			.findFirst()
			.orElse(null);
		if (added == null) {
			boolean onSale = dsl.fetchExists(DSL.selectOne()
				.from(VARIANTS)
				.join(PRODUCTS)
				.on(PRODUCTS.ID.eq(VARIANTS.PRODUCT_ID))
				.where((variantId != null) ? VARIANTS.ID.eq(variantId) : VARIANTS.SKU.eq(sku))
				.and(PRODUCTS.STATUS.eq("ACTIVE")));
			if (!onSale) {
				throw new CatalogProblems.NotFound("product variant "
						+ ((variantId != null) ? variantId.toString() : "'" + abbreviate(sku) + "'") + " on sale");
			}
			throw CatalogProblems.Invalid.of("quantity", "a line holds at most 999 units");
		}
		// The count is of the lines before this statement; a new line past the limit is
		// rolled back with the transaction.
		if (Boolean.TRUE.equals(added.get("inserted", Boolean.class))
				&& added.get("lines_before", Integer.class) >= MAX_LINES) {
			throw CatalogProblems.Invalid.of("lines", "a cart holds at most " + MAX_LINES + " lines");
		}
		return touched(cart);
	}

	@Override
	public Cart setQuantity(String token, UUID lineId, int quantity) {
		CartsRecord cart = open(token);
		if (quantity < 0 || quantity > 999) {
			throw CatalogProblems.Invalid.of("quantity", "must be between 0 (removes the line) and 999");
		}
		DSLContext dsl = this.store.dsl();
		int changed = (quantity == 0)
				? dsl.deleteFrom(CART_LINES)
					.where(CART_LINES.ID.eq(lineId), CART_LINES.CART_ID.eq(cart.getId()))
					.execute()
				: dsl.update(CART_LINES)
					.set(CART_LINES.QUANTITY, quantity)
					.where(CART_LINES.ID.eq(lineId), CART_LINES.CART_ID.eq(cart.getId()))
					.execute();
		if (changed == 0) {
			throw new CatalogProblems.NotFound("cart line " + lineId);
		}
		return touched(cart);
	}

	@Override
	public Cart update(String token, @Nullable String email, @Nullable String country,
			@Nullable String shippingMethod) {
		if (!CartTokens.wellFormed(token)) {
			throw new CatalogProblems.NotFound("cart");
		}
		DSLContext dsl = this.store.dsl();
		String t = TenantContext.require().schema().quoted() + ".";
		// The cart's market, its countries and the shipping method asked for: one query.
		PlainSql.Row found = PlainSql
			.query(dsl,
					"select c.id, c.status, m.handle, m.countries, sm.id as method from " + t + "carts c join " + t
							+ "markets m on m.id = c.market_id left join " + t
							+ "shipping_methods sm on sm.market_id = m.id and sm.handle = ? and sm.active"
							+ " where c.token_hash = ?",
					PlainSql.Row::of, (shippingMethod != null) ? shippingMethod : "", CartTokens.hash(token))
			.stream()
			.findFirst()
			.orElse(null);
		if (found == null) {
			throw new CatalogProblems.NotFound("cart");
		}
		String marketHandle = found.get("handle", String.class);
		String[] countries = found.get("countries", String[].class);
		List<String> allowed = (countries != null) ? java.util.Arrays.asList(countries) : List.of();
		List<FieldProblem> problems = new ArrayList<>();
		String normalizedEmail = (email != null) ? Emails.normalize("email", email) : null;
		String code = null;
		if (country != null) {
			code = country.strip().toUpperCase(Locale.ROOT);
			if (!code.matches("^[A-Z]{2}$") || !java.util.Arrays.asList(Locale.getISOCountries()).contains(code)) {
				problems.add(new FieldProblem("country", "must be an ISO 3166 alpha-2 country code"));
			}
			else if (!allowed.isEmpty() && !allowed.contains(code)) {
				problems.add(new FieldProblem("country",
						"is not served by the market " + marketHandle + " (" + String.join(", ", allowed) + ")"));
			}
		}
		UUID method = found.get("method", UUID.class);
		if (shippingMethod != null && method == null) {
			problems.add(new FieldProblem("shippingMethod", "is not a shipping method of the market " + marketHandle));
		}
		if (!problems.isEmpty()) {
			throw new CatalogProblems.Invalid(problems);
		}
		CartsRecord cart = dsl.update(CARTS)
			.set(CARTS.EMAIL, (normalizedEmail != null) ? DSL.val(normalizedEmail) : CARTS.EMAIL)
			.set(CARTS.COUNTRY, (code != null) ? DSL.val(code) : CARTS.COUNTRY)
			.set(CARTS.SHIPPING_METHOD_ID, (method != null) ? DSL.val(method) : CARTS.SHIPPING_METHOD_ID)
			.set(CARTS.UPDATED_AT, OffsetDateTime.now())
			.where(CARTS.ID.eq(found.get("id", UUID.class)), CARTS.STATUS.eq("OPEN"))
			.returning()
			.fetchOne();
		if (cart == null) {
			throw new OrderProblems.CartClosed();
		}
		return this.store.view(cart, null);
	}

	@Override
	public Cart claim(UUID customerId, @Nullable String anonymousToken) {
		DSLContext dsl = this.store.dsl();
		String email = this.customers.find(customerId)
			.orElseThrow(() -> new CatalogProblems.NotFound("customer"))
			.email();
		CartsRecord anonymous = null;
		if (anonymousToken != null) {
			anonymous = this.store.byToken(anonymousToken);
			if (!"OPEN".equals(anonymous.getStatus())) {
				throw new OrderProblems.CartClosed();
			}
			if (anonymous.getCustomerId() != null && !anonymous.getCustomerId().equals(customerId)) {
				throw new CatalogProblems.NotFound("cart");
			}
		}
		CartsRecord mine = dsl.selectFrom(CARTS)
			.where(CARTS.CUSTOMER_ID.eq(customerId), CARTS.STATUS.eq("OPEN"))
			.forUpdate()
			.fetchOne();
		String token = CartTokens.generate();
		if (mine == null && anonymous != null) {
			// The anonymous cart becomes the customer's.
			mine = anonymous;
			mine.setCustomerId(customerId);
		}
		else if (mine == null) {
			mine = dsl.newRecord(CARTS);
			mine.setId(UUID.randomUUID());
			mine.setMarketId(this.catalog.market(null).id());
			mine.setStatus("OPEN");
			mine.setCustomerId(customerId);
		}
		else if (anonymous != null && !anonymous.getId().equals(mine.getId())) {
			merge(dsl, anonymous, mine);
		}
		if (mine.getEmail() == null) {
			mine.setEmail(email);
		}
		mine.setTokenHash(CartTokens.hash(token));
		mine.setUpdatedAt(OffsetDateTime.now());
		mine.store();
		return this.store.view(dsl.fetchSingle(CARTS, CARTS.ID.eq(mine.getId())), token);
	}

	/**
	 * Moves the anonymous cart's lines into the customer's; units of equal lines add up.
	 */
	private void merge(DSLContext dsl, CartsRecord from, CartsRecord into) {
		Integer last = dsl.select(org.jooq.impl.DSL.max(CART_LINES.POSITION))
			.from(CART_LINES)
			.where(CART_LINES.CART_ID.eq(into.getId()))
			.fetchOne(0, Integer.class);
		int position = (last != null) ? last + 1 : 0;
		for (CartLinesRecord line : dsl.selectFrom(CART_LINES)
			.where(CART_LINES.CART_ID.eq(from.getId()))
			.orderBy(CART_LINES.POSITION)
			.fetch()) {
			dsl.insertInto(CART_LINES)
				.set(CART_LINES.ID, UUID.randomUUID())
				.set(CART_LINES.CART_ID, into.getId())
				.set(CART_LINES.VARIANT_ID, line.getVariantId())
				.set(CART_LINES.QUANTITY, line.getQuantity())
				.set(CART_LINES.PERSONALIZATION, line.getPersonalization())
				.set(CART_LINES.POSITION, position++)
				.onConflict(CART_LINES.CART_ID, CART_LINES.VARIANT_ID, CART_LINES.PERSONALIZATION)
				.doUpdate()
				.set(CART_LINES.QUANTITY,
						org.jooq.impl.DSL.least(CART_LINES.QUANTITY.plus(line.getQuantity()),
								org.jooq.impl.DSL.inline(999)))
				.execute();
		}
		from.setStatus("MERGED");
		from.setUpdatedAt(OffsetDateTime.now());
		from.store();
	}

	/**
	 * The open cart of a token, touched (its row locked until the change commits, so
	 * changes to one cart queue): one statement. A closed or unknown cart is refused.
	 */
	private CartsRecord open(String token) {
		CartsRecord cart = CartTokens.wellFormed(token) ? this.store.dsl()
			.update(CARTS)
			.set(CARTS.UPDATED_AT, OffsetDateTime.now())
			.where(CARTS.TOKEN_HASH.eq(CartTokens.hash(token)), CARTS.STATUS.eq("OPEN"))
			.returning()
			.fetchOne() : null;
		if (cart == null) {
			this.store.byToken(token);
			throw new OrderProblems.CartClosed();
		}
		return cart;
	}

	private Cart touched(CartsRecord cart) {
		return this.store.view(cart, null);
	}

	private static String abbreviate(@Nullable String text) {
		if (text == null) {
			return "";
		}
		return (text.length() <= 40) ? text : text.substring(0, 40) + "...";
	}

}

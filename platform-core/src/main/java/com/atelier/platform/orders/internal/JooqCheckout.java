package com.atelier.platform.orders.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.atelier.platform.catalog.CatalogProblems;
import com.atelier.platform.events.EventTypes;
import com.atelier.platform.events.Events;
import com.atelier.platform.idempotency.Idempotency;
import com.atelier.platform.idempotency.IdempotencyMarks;
import com.atelier.platform.identity.Customer;
import com.atelier.platform.identity.Customers;
import com.atelier.platform.inventory.InsufficientStock;
import com.atelier.platform.inventory.Inventory;
import com.atelier.platform.jooq.tenant_template.tables.records.CartsRecord;
import com.atelier.platform.money.Money;
import com.atelier.platform.orders.CancelReasons;
import com.atelier.platform.orders.Checkout;
import com.atelier.platform.orders.CheckoutResult;
import com.atelier.platform.orders.Order;
import com.atelier.platform.orders.OrderProblems;
import com.atelier.platform.orders.OrderStatus;
import com.atelier.platform.payments.PaymentProvider;
import com.atelier.platform.payments.PaymentProviders;
import com.atelier.platform.payments.PaymentRequest;
import com.atelier.platform.payments.PaymentResult;
import com.atelier.platform.payments.PaymentStatus;
import com.atelier.platform.problem.FieldProblem;
import com.atelier.platform.tenancy.PlainSql;
import com.atelier.platform.tenancy.TenantContext;

import static com.atelier.platform.jooq.tenant_template.Tables.ORDERS;
import static com.atelier.platform.jooq.tenant_template.Tables.ORDER_LINES;

/**
 * Checkout in two transactions with the provider call between them (PITFALLS 14): the
 * first claims the cart, prices it, checks purchase limits, writes the order and reserves
 * its stock (the stock rows are locked last, for as short a time as possible); the second
 * applies the provider's answer.
 */
@Service
class JooqCheckout implements Checkout {

	private static final Logger log = LoggerFactory.getLogger(JooqCheckout.class);

	private final CartStore store;

	private final Inventory inventory;

	private final Events events;

	private final PaymentProviders providers;

	private final OrderLedger ledger;

	private final Customers customers;

	private final TransactionTemplate tx;

	private final EntityManager entityManager;

	JooqCheckout(CartStore store, Inventory inventory, Events events, PaymentProviders providers, OrderLedger ledger,
			Customers customers, PlatformTransactionManager transactions, EntityManager entityManager) {
		this.store = store;
		this.inventory = inventory;
		this.events = events;
		this.providers = providers;
		this.ledger = ledger;
		this.customers = customers;
		this.tx = new TransactionTemplate(transactions);
		this.entityManager = entityManager;
	}

	@Override
	public CheckoutResult checkout(String cartToken, @Nullable UUID customerId, String providerName,
			@Nullable String paymentMethod, Origin origin) {
		if (providerName == null || providerName.isBlank()) {
			throw CatalogProblems.Invalid.of("paymentProvider",
					"is required (one of " + this.providers.available() + ")");
		}
		PaymentProvider provider = this.providers.provider(providerName);
		if (!"manual".equals(provider.name()) && (paymentMethod == null || paymentMethod.isBlank())) {
			throw CatalogProblems.Invalid.of("paymentMethod", "is required to pay with " + provider.name());
		}
		Placed placed = placeRetrying(cartToken, customerId, provider, paymentMethod, origin);
		if (placed.settled() != null) {
			// A local provider answered inside the placing transaction: nothing left to
			// do.
			return new CheckoutResult(placed.answer(OrderLedger.Outcome.WAITING, placed.settled()), null);
		}
		PaymentResult result;
		try {
			result = provider.authorize(
					new PaymentRequest(placed.total(), placed.orderId().toString(), Long.toString(placed.number()),
							"order-" + placed.orderId() + "-authorize", paymentMethod, placed.email()));
		}
		catch (RuntimeException ex) {
			// Unreachable or broken provider: give the stock back now rather than in 15
			// minutes. Should the authorization have gone through after all, its webhook
			// finds the order cancelled and voids it.
			this.tx.executeWithoutResult((status) -> this.ledger.failPlaced(placed.orderId(),
					CancelReasons.PROVIDER_UNAVAILABLE, null, false, true));
			throw ex;
		}
		OrderLedger.Outcome outcome = this.tx
			.execute((status) -> this.ledger.applyAuthorization(placed.orderId(), result));
		switch (outcome) {
			case FAILED -> throw new OrderProblems.PaymentFailed(
					((result.failureMessage() != null) ? result.failureMessage() : "The payment was declined.")
							+ " Nothing was charged; the cart is open again.");
			case TOO_LATE -> {
				undo(provider, result, placed);
				throw new OrderProblems.ReservationExpired(
						"The reservation expired before the payment was confirmed; the payment was cancelled.");
			}
			default -> {
				return new CheckoutResult(placed.answer(outcome, result), result.clientSecret());
			}
		}
	}

	/**
	 * Stock rows are always locked in the same order, so deadlocks should not happen; if
	 * PostgreSQL still picks this transaction as a deadlock victim, nothing was kept and
	 * the checkout is simply run again (twice at most). The same when the last variant
	 * gained a second location between the cart's read and its reservation: the next
	 * attempt reserves it the ordinary way.
	 */
	private Placed placeRetrying(String cartToken, @Nullable UUID customerId, PaymentProvider provider,
			@Nullable String paymentMethod, Origin origin) {
		boolean commitWithReservation = true;
		for (int attempt = 1;; attempt++) {
			boolean fast = commitWithReservation;
			try {
				// Only a transaction of its own may be committed with the reservation: a
				// caller's surrounding transaction is left to its owner.
				return this.tx.execute((status) -> place(cartToken, customerId, provider, paymentMethod,
						fast && status.isNewTransaction(), origin));
			}
			catch (org.springframework.dao.PessimisticLockingFailureException ex) {
				if (attempt == 3) {
					throw ex;
				}
				log.info("Checkout chosen as a deadlock victim, attempt {}; retrying", attempt);
			}
			catch (Inventory.NotCommitted ex) {
				if (attempt == 3) {
					throw ex;
				}
				commitWithReservation = false;
			}
		}
	}

	private void undo(PaymentProvider provider, PaymentResult result, Placed placed) {
		try {
			switch (result.status()) {
				case AUTHORIZED ->
					provider.voidAuthorization(result.reference(), "order-" + placed.orderId() + "-void");
				case CAPTURED ->
					provider.refund(result.reference(), placed.total(), "order-" + placed.orderId() + "-refund-late");
				default -> {
				}
			}
		}
		catch (RuntimeException ex) {
			log.error("Could not undo payment {} of order {} that arrived after its reservation expired: {}",
					result.reference(), placed.orderId(), ex.toString());
		}
	}

	private Placed place(String token, @Nullable UUID customerId, PaymentProvider paymentProvider,
			@Nullable String paymentMethod, boolean commitWithReservation, Origin origin) {
		String provider = paymentProvider.name();
		DSLContext dsl = this.store.dsl();
		if (!CartTokens.wellFormed(token)) {
			throw new CatalogProblems.NotFound("cart");
		}
		// One statement claims the open cart and reads it whole, priced, with stock now.
		CartStore.Priced priced = this.store.read("token", CartTokens.hash(token), true);
		if (priced == null) {
			this.store.byToken(token);
			throw new OrderProblems.CartClosed();
		}
		CartsRecord cart = priced.cart();
		if (cart.getCustomerId() != null && customerId != null && !cart.getCustomerId().equals(customerId)) {
			throw new CatalogProblems.NotFound("cart");
		}
		UUID customer = (customerId != null) ? customerId : cart.getCustomerId();
		if (origin.storefront() && !paymentProvider.remote() && !priced.context().manualOnStorefront()) {
			throw new OrderProblems.ManualPaymentStaffOnly();
		}
		String email = cart.getEmail();
		// A customer's limits count by their verified address, whatever the cart says.
		String accountEmail = (customer != null) ? this.customers.find(customer).map(Customer::email).orElse(null)
				: null;
		if (email == null) {
			email = accountEmail;
		}
		String buyer = (accountEmail != null) ? BuyerKeys.email(accountEmail)
				: (email != null) ? BuyerKeys.email(email) : null;
		validate(priced, email);
		int minutes = priced.context().reservationMinutes();
		Map<UUID, Integer> units = new TreeMap<>();
		for (CartStore.LineRow row : priced.rows()) {
			units.merge(row.variantId(), row.quantity(), Integer::sum);
		}
		// Sold out already (as read with the cart)? Say so before writing anything or
		// queueing for the stock rows.
		Set<UUID> soldOut = new java.util.HashSet<>();
		for (CartStore.LineRow row : priced.rows()) {
			if (row.available() != null && row.available() < units.get(row.variantId())) {
				soldOut.add(row.variantId());
			}
		}
		if (!soldOut.isEmpty()) {
			throw new InsufficientStock("Not enough units available of " + String.join(", ",
					priced.rows()
						.stream()
						.filter((row) -> soldOut.contains(row.variantId()))
						.map(CartStore.LineRow::sku)
						.distinct()
						.sorted()
						.toList())
					+ ".");
		}
		checkPurchaseLimits(dsl, priced, buyer);
		List<String> holds = holdKeys(priced.context().unpaid(), buyer, origin);

		UUID orderId = UUID.randomUUID();
		UUID paymentId = UUID.randomUUID();
		OffsetDateTime expiresAt = OffsetDateTime.now().plusMinutes(minutes);
		// A local provider (manual) answers at once and without I/O: ask it here, before
		// the order's number exists (it takes none).
		PaymentResult settled = paymentProvider.remote() ? null
				: paymentProvider.authorize(new PaymentRequest(priced.totals().total(), orderId.toString(), "",
						"order-" + orderId + "-authorize", paymentMethod, email));
		// The order, its lines, its payment and its expiry: one statement.
		String t = TenantContext.require().schema().quoted() + ".";
		StringBuilder sql = new StringBuilder("with o as (insert into ").append(t)
			.append("orders (id, cart_id, customer_id, email, market_id, currency, country, prices_include_tax,")
			.append(" status, subtotal_minor, discount_minor, shipping_minor, tax_minor, total_minor,")
			.append(" shipping_method, payment_provider, reservation_expires_at, buyer_key, hold_keys)")
			.append(" values (?, ?, ?, ?, ?, ?, ?, ?, 'PLACED', ?, ?, ?, ?, ?, ?, ?, ?::timestamptz, ?, ?::text[])")
			.append(" returning number),")
			.append(" l as (insert into ")
			.append(t)
			.append("order_lines (id, order_id, position, product_id, variant_id, sku, title, variant_title,")
			.append(" personalization, quantity, unit_price_minor, subtotal_minor, tax_rate, tax_minor) values ");
		List<Object> binds = new ArrayList<>(List.of(orderId, cart.getId()));
		binds.add(customer);
		binds.addAll(List.of(email, priced.market().getId(), priced.currency().code(), cart.getCountry(),
				priced.market().getPricesIncludeTax(), priced.totals().subtotal().minor(),
				priced.totals().discount().minor(), priced.totals().shipping().minor(), priced.totals().tax().minor(),
				priced.totals().total().minor()));
		binds.add((priced.method() != null) ? priced.method().getName() : null);
		binds.addAll(List.of(provider, expiresAt));
		binds.add(buyer);
		binds.add(holds.isEmpty() ? null : holds.toArray(new String[0]));
		List<Map<String, Object>> eventLines = new ArrayList<>();
		List<Order.Line> orderLines = new ArrayList<>();
		for (int i = 0; i < priced.rows().size(); i++) {
			CartStore.LineRow row = priced.rows().get(i);
			Pricer.Priced p = priced.priced().get(i);
			UUID lineId = UUID.randomUUID();
			sql.append((i == 0) ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
			binds.addAll(List.of(lineId, orderId, i, row.productId(), row.variantId(), row.sku(), row.title(),
					row.variantTitle(), row.personalization(), row.quantity(), row.unitMinor(), p.subtotal(),
					priced.rate(), p.tax()));
			orderLines.add(new Order.Line(lineId, row.sku(), row.title(), row.variantTitle(), row.personalization(),
					row.quantity(), 0, Money.ofMinor(row.unitMinor(), priced.currency()),
					Money.ofMinor(p.subtotal(), priced.currency()), priced.rate(),
					Money.ofMinor(p.tax(), priced.currency())));
			eventLines.add(Map.of("sku", row.sku(), "quantity", row.quantity()));
		}
		sql.append(" returning 1), p as (insert into ")
			.append(t)
			.append("payments (id, order_id, provider, status, reference, amount_minor, currency)")
			.append(" values (?, ?, ?, ?, ?, ?, ?) returning 1),")
			.append(" e as (insert into platform.reservation_expiries (tenant_id, order_id, expires_at)")
			.append(" values (?, ?, ?::timestamptz) returning 1)");
		// The request's idempotency key is marked applied in this statement, not just
		// before the commit: the commit may go with the reservation (ADR 24, ADR 29).
		IdempotencyMarks.Pending mark = IdempotencyMarks.pending();
		if (mark != null) {
			sql.append(", k as (update ")
				.append(t)
				.append("idempotency_keys set applied_at = coalesce(applied_at, now()) where client_id = ?")
				.append(" and idempotency_key = ? and created_at = ? and state = 'IN_FLIGHT' returning 1)");
		}
		if (!holds.isEmpty()) {
			// One more hold per key, unless a key is at its limit (compare-and-set; keys
			// in
			// order, as the trigger that gives them back takes them).
			sql.append(", h as (insert into ")
				.append(t)
				.append("unpaid_holds as uh (hold_key, held) select k, 1 from unnest(?::text[]) k order by k")
				.append(" on conflict (hold_key) do update set held = uh.held + 1 where uh.held < case")
				.append(" split_part(uh.hold_key, ':', 1) when 'email' then ?::int when 'ip' then ?::int")
				.append(" else ?::int end returning hold_key)");
		}
		sql.append(" select number, ")
			.append((mark != null) ? "(select count(*) from k)" : "1")
			.append(holds.isEmpty() ? ", null::text[]" : ", array(select hold_key from h)")
			.append(" from o");
		binds.addAll(List.of(paymentId, orderId, provider, (settled != null) ? settled.status().name() : "PENDING"));
		binds.add((settled != null) ? settled.reference() : null);
		binds.addAll(List.of(priced.totals().total().minor(), priced.currency().code(),
				TenantContext.require().id().value(), orderId, expiresAt));
		if (mark != null) {
			binds.addAll(List.of(mark.client(), mark.key(), mark.claimedAt()));
		}
		if (!holds.isEmpty()) {
			binds.add(holds.toArray(new String[0]));
			binds.add(priced.context().unpaid().perEmail());
			binds.add(priced.context().unpaid().perIp());
			binds.add(priced.context().unpaid().perDevice());
		}
		Object[] result = PlainSql
			.query(dsl, sql.toString(),
					(row) -> new Object[] { row.getLong(1), row.getLong(2),
							(row.getArray(3) != null) ? (String[]) row.getArray(3).getArray() : new String[0] },
					binds.toArray())
			.get(0);
		long[] written = { (Long) result[0], (Long) result[1] };
		if (written[1] != 1) {
			throw new Idempotency.ClaimLost();
		}
		if (((String[]) result[2]).length < holds.size()) {
			throw unpaidLimit(holds, List.of((String[]) result[2]), priced.context());
		}
		if (mark != null) {
			mark.applied();
		}
		long number = written[0];
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("orderId", orderId.toString());
		payload.put("number", number);
		payload.put("email", email);
		payload.put("total", priced.totals().total().amount());
		payload.put("currency", priced.currency().code());
		payload.put("lines", eventLines);
		this.events.publish(EventTypes.ORDER_PLACED, "order", orderId.toString(), payload);
		// Last: the stock rows stay locked only until this transaction commits. When the
		// last variant (in the reservation's order) is stocked at one location, its
		// reservation and the commit go to PostgreSQL together, so the hot row of a sale
		// is not held while this JVM answers back (ADR 24); nothing runs on the
		// connection after it.
		UUID lastVariant = ((TreeMap<UUID, Integer>) units).lastKey();
		boolean oneLocation = priced.rows()
			.stream()
			.anyMatch((row) -> row.variantId().equals(lastVariant) && Integer.valueOf(1).equals(row.locations()));
		if (commitWithReservation && oneLocation) {
			this.entityManager.flush();
			this.inventory.reserveAndCommit(orderId, units);
		}
		else {
			this.inventory.reserve(orderId, units);
		}
		OffsetDateTime now = OffsetDateTime.now();
		Order order = new Order(orderId, number, OrderStatus.PLACED, email, customer, priced.market().getHandle(),
				cart.getCountry(), (priced.method() != null) ? priced.method().getName() : null, orderLines,
				priced.totals(), Money.zero(priced.currency()), Money.zero(priced.currency()), provider,
				expiresAt.toInstant(), null, List.of(), List.of(), List.of(), List.of(), List.of(), now.toInstant(),
				now.toInstant());
		return new Placed(orderId, number, priced.totals().total(), email, paymentId, order, settled);
	}

	/**
	 * The unpaid-order counters a storefront checkout takes a hold in (ADR 30): the
	 * buyer's normalised e-mail, the client's network address, the device the brand's
	 * front end names; each only while the brand limits it.
	 */
	private static List<String> holdKeys(CartStore.UnpaidLimits limits, @Nullable String buyer, Origin origin) {
		if (!origin.storefront()) {
			return List.of();
		}
		List<String> keys = new ArrayList<>();
		if (limits.perEmail() != null && buyer != null) {
			keys.add("email:" + buyer);
		}
		String ip = BuyerKeys.ip(origin.clientIp());
		if (limits.perIp() != null && ip != null) {
			keys.add("ip:" + ip);
		}
		if (limits.perDevice() != null && origin.deviceId() != null) {
			keys.add("device:" + BuyerKeys.device(origin.deviceId()));
		}
		keys.sort(null);
		return keys;
	}

	private static OrderProblems.UnpaidOrderLimit unpaidLimit(List<String> wanted, List<String> held,
			CartStore.Context context) {
		String full = wanted.stream().filter((k) -> !held.contains(k)).findFirst().orElse(wanted.get(0));
		CartStore.UnpaidLimits limits = context.unpaid();
		String what = full.startsWith("email:") ? limits.perEmail() + " per e-mail address"
				: full.startsWith("ip:") ? limits.perIp() + " per network address" : limits.perDevice() + " per device";
		return new OrderProblems.UnpaidOrderLimit(
				"At most " + what + " may wait for payment at once (unpaid orders"
						+ " hold their stock); pay for or cancel one, or wait until its reservation ends (at most "
						+ context.reservationMinutes() + " minutes). Nothing was reserved.",
				context.reservationMinutes() * 60);
	}

	private void validate(CartStore.Priced priced, @Nullable String email) {
		List<FieldProblem> problems = new ArrayList<>();
		if (priced.rows().isEmpty()) {
			problems.add(new FieldProblem("lines", "the cart is empty"));
		}
		for (CartStore.LineRow row : priced.rows()) {
			if (row.unitMinor() == null) {
				problems.add(new FieldProblem("lines",
						row.sku() + " is not on sale in the market " + priced.market().getHandle() + "; remove it"));
			}
		}
		if (email == null) {
			problems.add(new FieldProblem("email", "is required"));
		}
		if (priced.cart().getCountry() == null) {
			problems.add(new FieldProblem("country", "is required"));
		}
		if (priced.method() == null && priced.context().hasShipping()) {
			problems.add(new FieldProblem("shippingMethod", "is required"));
		}
		if (!problems.isEmpty()) {
			throw new OrderProblems.CheckoutIncomplete(problems);
		}
	}

	/**
	 * Limited pieces: units of the product in the buyer's orders that were not cancelled,
	 * plus this cart, stay within the limit. The buyer is the normalised address
	 * ({@link BuyerKeys}), the verified account's when the shopper is signed in. The
	 * buyer's checkouts are serialised by a transaction-scoped advisory lock on that key,
	 * held until this transaction (which writes the order) ends: the count and the order
	 * are one critical section, so two checkouts at once cannot both pass.
	 */
	private void checkPurchaseLimits(DSLContext dsl, CartStore.Priced priced, @Nullable String buyer) {
		Map<UUID, Integer> wanted = new TreeMap<>();
		Map<UUID, CartStore.LineRow> limited = new LinkedHashMap<>();
		for (CartStore.LineRow row : priced.rows()) {
			if (row.purchaseLimit() != null) {
				wanted.merge(row.productId(), row.quantity(), Integer::sum);
				limited.putIfAbsent(row.productId(), row);
			}
		}
		if (wanted.isEmpty() || buyer == null) {
			return;
		}
		dsl.select(DSL.field("pg_advisory_xact_lock(hashtext({0}))", Object.class, DSL.val("purchase-limit:" + buyer)))
			.fetch();
		Map<UUID, Integer> before = dsl
			.select(ORDER_LINES.PRODUCT_ID, DSL.sum(ORDER_LINES.QUANTITY).cast(Integer.class))
			.from(ORDER_LINES)
			.join(ORDERS)
			.on(ORDERS.ID.eq(ORDER_LINES.ORDER_ID))
			.where(ORDERS.BUYER_KEY.eq(buyer), ORDERS.STATUS.ne("CANCELLED"),
					ORDER_LINES.PRODUCT_ID.in(wanted.keySet()))
			.groupBy(ORDER_LINES.PRODUCT_ID)
			.fetchMap(ORDER_LINES.PRODUCT_ID, DSL.sum(ORDER_LINES.QUANTITY).cast(Integer.class));
		for (Map.Entry<UUID, Integer> entry : wanted.entrySet()) {
			CartStore.LineRow row = limited.get(entry.getKey());
			int already = before.getOrDefault(entry.getKey(), 0);
			if (already + entry.getValue() > row.purchaseLimit()) {
				throw new OrderProblems.PurchaseLimitExceeded("'" + row.title() + "' is limited to "
						+ row.purchaseLimit() + " per customer; "
						+ ((already > 0) ? already + " already ordered, " : "") + entry.getValue() + " in this cart.");
			}
		}
	}

	/**
	 * @param orderId the order
	 * @param number its number
	 * @param total what to charge
	 * @param email the shopper's email
	 */
	record Placed(UUID orderId, long number, Money total, @Nullable String email, UUID paymentId, Order order,
			@Nullable PaymentResult settled) {

		/**
		 * The order as the settling transaction left it, without reading it back: paid,
		 * or still placed with its payment pending or requiring action.
		 */
		Order answer(OrderLedger.Outcome outcome, PaymentResult result) {
			Order o = this.order;
			boolean paid = outcome == OrderLedger.Outcome.PAID;
			boolean captured = result.status() == PaymentStatus.CAPTURED;
			Money zero = Money.zero(this.total.currency());
			Order.Payment payment = new Order.Payment(this.paymentId, o.paymentProvider(), result.reference(),
					result.status().name().toLowerCase(java.util.Locale.ROOT), this.total, captured ? this.total : zero,
					zero, null);
			return new Order(o.id(), o.number(), paid ? OrderStatus.PAID : OrderStatus.PLACED, o.email(),
					o.customerId(), o.market(), o.country(), o.shippingMethod(), o.lines(), o.totals(),
					(paid && captured) ? this.total : zero, zero, o.paymentProvider(),
					paid ? null : o.reservationExpiresAt(), null, List.of(payment), List.of(), List.of(), List.of(),
					List.of(), o.placedAt(), java.time.Instant.now());
		}

	}

}

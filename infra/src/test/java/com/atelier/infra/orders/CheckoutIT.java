package com.atelier.infra.orders;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.atelier.infra.identity.Browser;
import com.atelier.platform.catalog.Product;
import com.atelier.platform.identity.Role;
import com.atelier.platform.inventory.InsufficientStock;
import com.atelier.platform.inventory.Inventory;
import com.atelier.platform.pricing.Market;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantDsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Checkout over HTTP against real PostgreSQL: no oversell under concurrency (PITFALLS 11,
 * also across two nodes), lines sharing stock (12), expiry released by the job (13), the
 * provider called after the reservation committed (14), totals charged exactly in JPY and
 * BHD (15), idempotency, purchase limits, webhooks, and tenant isolation.
 */
class CheckoutIT extends CommerceTestSupport {

	static ConfigurableApplicationContext secondNode;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	TenantDsl tenantDsl;

	@AfterAll
	static void stopSecondNode() {
		if (secondNode != null) {
			secondNode.close();
		}
	}

	@Test
	void two_hundred_concurrent_checkouts_on_twenty_units_make_exactly_twenty_orders() throws Exception {
		Tenant brand = brand("flash");
		Commerce shop = commerce(brand);
		Market eu = shop.market("eu", "EUR", true, true, "FR", "0.2", "0.00");
		Product.Variant bag = shop.variant("flash-bag", eu, "4200.00", 20);
		shop.noUnpaidOrderLimits();
		Browser shopper = browser(brand);
		List<String> carts = prepare(shopper, bag.sku(), 200);

		List<Integer> statuses = race(carts, (token) -> Commerce.checkout(shopper, token, "manual", null));

		assertThat(statuses.stream().filter((s) -> s == 201)).hasSize(20);
		assertThat(statuses.stream().filter((s) -> s == 409)).hasSize(180);
		assertThat(shop.stockOf(bag)).containsExactly(20, 20, 0);
		assertThat(shop.count("select count(*) from orders where status = 'PLACED'")).isEqualTo(20);
		assertThat(shop.count("select count(*) from stock_levels where available < 0 or reserved > on_hand")).isZero();
		assertThat(shop.count("select count(*) from carts where status = 'OPEN'"))
			.as("losers keep an open cart to try again")
			.isEqualTo(180);
	}

	@Test
	void two_nodes_on_one_database_never_oversell_either() throws Exception {
		Tenant brand = brand("flash2");
		Commerce shop = commerce(brand);
		Market eu = shop.market("eu", "EUR", true, true, "FR", "0.2", "0.00");
		// Two locations of 10: shoppers are served from either.
		Product.Variant bag = shop.variant("flash-bag", eu, "4200.00", 0);
		shop.stockAt("paris", bag, 10);
		shop.stockAt("geneva", bag, 10);
		shop.noUnpaidOrderLimits();
		Browser one = browser(brand);
		Browser two = browser(brand).node(secondNodePort());
		List<String> carts = prepare(one, bag.sku(), 200);

		List<Integer> statuses = race(carts,
				(token) -> Commerce.checkout((Math.abs(token.hashCode()) % 2 == 0) ? one : two, token, "manual", null));

		assertThat(statuses.stream().filter((s) -> s == 201)).hasSize(20);
		assertThat(statuses.stream().filter((s) -> s == 409)).hasSize(180);
		assertThat(shop.stockOf(bag)).containsExactly(20, 20, 0);
		assertThat(shop.count("select count(*) from orders")).isEqualTo(20);
		assertThat(shop.count("select count(*) from stock_levels where available <> 0")).isZero();
	}

	@Test
	void the_last_reservation_commits_with_its_statement_or_nothing_is_kept() {
		Tenant brand = brand("commit");
		Commerce shop = commerce(brand);
		Market eu = shop.market("eu", "EUR", true, true, "FR", "0.2", "0.00");
		Product.Variant pin = shop.variant("pin", eu, "90.00", 5);
		Product.Variant ring = shop.variant("ring", eu, "900.00", 0);
		shop.stockAt("paris", ring, 1);
		Product.Variant bag = shop.variant("bag", eu, "900.00", 0);
		shop.stockAt("paris", bag, 1);
		shop.stockAt("geneva", bag, 1);
		Browser shopper = browser(brand);
		HttpResponse<String> placed = Commerce.checkout(shopper, Commerce.readyCart(shopper, pin.sku(), 1, "FR"),
				"manual", null);
		assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
		UUID order = UUID.fromString(Commerce.json(placed).path("order").path("id").asText());
		TransactionTemplate tx = new TransactionTemplate(this.transactions);
		String email = "select count(*) from orders where email = 'changed@example.com'";

		// Too few units: the error stops the COMMIT sent with the statement, and the
		// transaction's earlier write is rolled back with it.
		TenantContext.run(brand.ref(), () -> assertThatThrownBy(() -> tx.executeWithoutResult((status) -> {
			this.tenantDsl.dsl().execute("update orders set email = 'changed@example.com' where id = ?", order);
			this.inventory.reserveAndCommit(order, Map.of(ring.id(), 2));
		})).isInstanceOf(InsufficientStock.class).hasMessageContaining(ring.sku()));
		assertThat(shop.count(email)).isZero();
		assertThat(shop.stockOf(ring)).containsExactly(1, 0, 1);

		// Stocked at two locations: not the one-statement path; nothing kept.
		TenantContext.run(brand.ref(), () -> assertThatThrownBy(() -> tx.executeWithoutResult((status) -> {
			this.tenantDsl.dsl().execute("update orders set email = 'changed@example.com' where id = ?", order);
			this.inventory.reserveAndCommit(order, Map.of(bag.id(), 1));
		})).isInstanceOf(Inventory.NotCommitted.class));
		assertThat(shop.count(email)).isZero();
		assertThat(shop.stockOf(bag)).containsExactly(2, 0, 2);

		// Enough: the write and the reservation are committed with the statement (another
		// connection sees them before the transaction manager's own commit, which then
		// has nothing to do).
		long[] seenBeforeOwnCommit = new long[1];
		TenantContext.run(brand.ref(), () -> tx.executeWithoutResult((status) -> {
			this.tenantDsl.dsl().execute("update orders set email = 'changed@example.com' where id = ?", order);
			this.inventory.reserveAndCommit(order, Map.of(ring.id(), 1));
			seenBeforeOwnCommit[0] = shop.count(email);
		}));
		assertThat(seenBeforeOwnCommit[0]).isOne();
		assertThat(shop.count(email)).isOne();
		assertThat(shop.stockOf(ring)).containsExactly(1, 1, 0);
	}

	@Test
	void units_come_from_several_locations_when_none_has_enough() {
		Tenant brand = brand("split");
		Commerce shop = commerce(brand);
		Market eu = shop.market("eu", "EUR", true, true, "FR", "0.2", "0.00");
		Product.Variant vase = shop.variant("vase", eu, "700.00", 0);
		shop.stockAt("paris", vase, 2);
		shop.stockAt("geneva", vase, 3);
		Browser shopper = browser(brand);

		HttpResponse<String> placed = Commerce.checkout(shopper, Commerce.readyCart(shopper, vase.sku(), 4, "FR"),
				"manual", null);

		assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
		assertThat(shop.stockOf(vase)).containsExactly(5, 4, 1);
		assertThat(shop.count("select count(*) from stock_reservations")).as("3 from Geneva, 1 from Paris")
			.isEqualTo(2);
		assertThat(shop.count("select quantity from stock_reservations r join stock_locations l on l.id ="
				+ " r.location_id where l.handle = 'geneva'"))
			.isEqualTo(3);
		HttpResponse<String> tooMany = Commerce.checkout(shopper, Commerce.readyCart(shopper, vase.sku(), 2, "FR"),
				"manual", null);
		assertThat(tooMany.statusCode()).isEqualTo(409);
		assertThat(shop.stockOf(vase)).containsExactly(5, 4, 1);
	}

	@Test
	void a_line_holds_at_most_999_units() {
		Tenant brand = brand("cap");
		Commerce shop = commerce(brand);
		Market eu = shop.market("eu", "EUR", true, true, "FR", "0.2", "0.00");
		Product.Variant pin = shop.variant("pin", eu, "90.00", 0);
		Browser shopper = browser(brand);
		String token = Commerce.newCart(shopper);
		Commerce.add(shopper, token, pin.sku(), 999, null);

		HttpResponse<String> over = shopper.json("POST", "/storefront/api/v1/carts/" + token + "/lines",
				"{\"sku\":\"" + pin.sku() + "\",\"quantity\":1}");

		assertThat(over.statusCode()).as(over.body()).isEqualTo(400);
		assertThat(Commerce.json(shopper.get("/storefront/api/v1/carts/" + token))
			.get("lines")
			.get(0)
			.get("quantity")
			.asInt()).isEqualTo(999);
		assertThat(shopper
			.json("POST", "/storefront/api/v1/carts/" + token + "/lines", "{\"sku\":\"NOPE\",\"quantity\":1}")
			.statusCode()).isEqualTo(404);
		for (String bad : List.of("{\"country\":\"XX\"}", "{\"country\":\"US\"}", "{\"shippingMethod\":\"teleport\"}",
				"{\"email\":\"not-an-email\"}")) {
			HttpResponse<String> refused = shopper.json("PATCH", "/storefront/api/v1/carts/" + token, bad);
			assertThat(refused.statusCode()).as(bad + " " + refused.body()).isEqualTo(400);
		}
		JsonNode unchanged = Commerce.json(shopper.get("/storefront/api/v1/carts/" + token));
		assertThat(unchanged.get("country").isNull()).isTrue();
		assertThat(unchanged.get("shippingMethod").isNull()).isTrue();
		assertThat(Commerce.details(shopper, token, "Ines@Example.com", "fr").get("country").asString())
			.isEqualTo("FR");
		assertThat(shopper.get("/storefront/api/v1/carts/not-a-token").statusCode()).isEqualTo(404);
	}

	@Test
	void two_lines_of_one_variant_are_reserved_together() {
		Tenant brand = brand("lines");
		Commerce shop = commerce(brand);
		Market eu = shop.market("eu", "EUR", true, true, "FR", "0.2", "0.00");
		Product.Variant ring = shop.variant("ring", eu, "900.00", 2);
		Browser shopper = browser(brand);
		String token = Commerce.newCart(shopper);
		Commerce.add(shopper, token, ring.sku(), 2, null);
		JsonNode cart = Commerce.add(shopper, token, ring.sku(), 1, "A & M");
		assertThat(cart.get("lines")).hasSize(2);
		Commerce.details(shopper, token, "ines@example.com", "FR");

		HttpResponse<String> refused = Commerce.checkout(shopper, token, "manual", null);

		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
		assertThat(Commerce.json(refused).get("type").asString()).isEqualTo("urn:atelier:problem:insufficient-stock");
		assertThat(Commerce.json(refused).get("detail").asString()).contains(ring.sku());
		assertThat(shop.stockOf(ring)).as("nothing reserved").containsExactly(2, 0, 2);
		assertThat(shop.count("select count(*) from orders")).isZero();
		assertThat(Commerce.json(shopper.get("/storefront/api/v1/carts/" + token)).get("status").asString())
			.isEqualTo("open");

		shopper.json("PATCH",
				"/storefront/api/v1/carts/" + token + "/lines/" + cart.get("lines").get(0).get("id").asString(),
				"{\"quantity\":1}");
		HttpResponse<String> placed = Commerce.checkout(shopper, token, "manual", null);
		assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
		assertThat(shop.stockOf(ring)).containsExactly(2, 2, 0);
	}

	@Test
	void an_expired_reservation_is_released_by_the_job() {
		Tenant brand = brand("expiry");
		Commerce shop = commerce(brand);
		Market eu = shop.market("eu", "EUR", true, true, "FR", "0.2", "0.00");
		Product.Variant scarf = shop.variant("scarf", eu, "450.00", 3);
		Browser shopper = browser(brand);
		String token = Commerce.readyCart(shopper, scarf.sku(), 2, "FR");
		HttpResponse<String> placed = Commerce.checkout(shopper, token, "manual", null);
		assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
		String orderId = Commerce.json(placed).get("order").get("id").asString();
		assertThat(shop.stockOf(scarf)).containsExactly(3, 2, 1);

		// The reservation's 15 minutes pass (the clock is moved, not waited for).
		Instant expiredAt = Instant.now();
		shop.count("with o as (update orders set reservation_expires_at = now() - interval '1 second' where id = '"
				+ orderId + "' returning id), e as (update platform.reservation_expiries set expires_at = now()"
				+ " - interval '1 second' where order_id = '" + orderId + "' returning 1) select count(*) from o");

		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			assertThat(shop.stockOf(scarf)).containsExactly(3, 0, 3);
		});
		assertThat(Duration.between(expiredAt, Instant.now())).as("released well within 60 s of expiry")
			.isLessThan(Duration.ofSeconds(15));
		String admin = adminToken(brand, Role.FULFILLMENT);
		JsonNode order = Commerce.json(browser(brand).bearer("GET", "/admin/api/v1/orders/" + orderId, admin));
		assertThat(order.get("status").asString()).isEqualTo("cancelled");
		assertThat(order.get("cancelReason").asString()).isEqualTo("reservation expired");
		assertThat(shop.count("select count(*) from platform.reservation_expiries where order_id = '" + orderId + "'"))
			.isZero();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(
					Commerce.texts(Commerce.json(browser(brand).bearer("GET", "/admin/api/v1/orders/" + orderId, admin))
						.get("timeline"), "type"))
				.containsExactly("OrderPlaced", "OrderCancelled"));
	}

	@Test
	void no_stock_row_stays_locked_while_the_provider_answers() throws Exception {
		Tenant brand = brand("slowpay");
		Commerce shop = commerce(brand);
		Market eu = shop.market("eu", "EUR", true, true, "FR", "0.2", "0.00");
		Product.Variant clutch = shop.variant("clutch", eu, "1800.00", 5);
		shop.stripe(stripe.url());
		Browser slow = browser(brand);
		Browser fast = browser(brand);
		String slowCart = Commerce.readyCart(slow, clutch.sku(), 1, "FR");
		String fastCart = Commerce.readyCart(fast, clutch.sku(), 1, "FR");
		int before = stripe.requests("/v1/payment_intents").size();
		stripe.delay(3000);
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try {
			Future<HttpResponse<String>> card = pool
				.submit(() -> Commerce.checkout(slow, slowCart, "stripe", "pm_card_visa"));
			await().atMost(Duration.ofSeconds(10)).until(() -> stripe.requests("/v1/payment_intents").size() > before);
			// The card payment is now waiting for the provider, its units reserved and
			// committed.
			assertThat(shop.stockOf(clutch)).containsExactly(5, 1, 4);

			long started = System.nanoTime();
			HttpResponse<String> other = Commerce.checkout(fast, fastCart, "manual", null);
			Duration took = Duration.ofNanos(System.nanoTime() - started);

			assertThat(other.statusCode()).as(other.body()).isEqualTo(201);
			assertThat(took).as("the other buyer of the SKU did not wait for the provider")
				.isLessThan(Duration.ofMillis(1500));
			assertThat(card.isDone()).as("the provider had not answered yet").isFalse();
			HttpResponse<String> paid = card.get(30, TimeUnit.SECONDS);
			assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
			assertThat(shop.stockOf(clutch)).containsExactly(4, 1, 3);
		}
		finally {
			stripe.delay(0);
			pool.shutdownNow();
		}
	}

	@Test
	void a_declined_card_releases_the_stock_and_reopens_the_cart() {
		Tenant brand = brand("decline");
		Commerce shop = commerce(brand);
		Market eu = shop.market("eu", "EUR", true, true, "FR", "0.2", "0.00");
		Product.Variant watch = shop.variant("watch", eu, "12500.00", 1);
		shop.stripe(stripe.url());
		Browser shopper = browser(brand);
		String token = Commerce.readyCart(shopper, watch.sku(), 1, "FR");
		stripe.mode(FakeStripe.Mode.DECLINE);
		try {
			HttpResponse<String> declined = Commerce.checkout(shopper, token, "stripe", "pm_card_chargeDeclined");

			assertThat(declined.statusCode()).as(declined.body()).isEqualTo(402);
			assertThat(Commerce.json(declined).get("type").asString()).isEqualTo("urn:atelier:problem:payment-failed");
			assertThat(Commerce.json(declined).get("detail").asString()).contains("insufficient funds");
		}
		finally {
			stripe.mode(FakeStripe.Mode.AUTHORIZE);
		}
		assertThat(shop.stockOf(watch)).containsExactly(1, 0, 1);
		assertThat(shop.count("select count(*) from orders where status = 'CANCELLED'")).isEqualTo(1);
		assertThat(shop.count("select count(*) from payments where status = 'FAILED'")).isEqualTo(1);

		HttpResponse<String> retried = Commerce.checkout(shopper, token, "stripe", "pm_card_visa");
		assertThat(retried.statusCode()).as("the reopened cart checks out with another card: " + retried.body())
			.isEqualTo(201);
		assertThat(Commerce.json(retried).get("order").get("status").asString()).isEqualTo("paid");
		assertThat(shop.stockOf(watch)).as("authorized: the unit is sold").containsExactly(0, 0, 0);
	}

	@Test
	void jpy_and_bhd_totals_are_exactly_what_the_provider_is_asked_to_charge() {
		Tenant brand = brand("exact");
		Commerce shop = commerce(brand);
		shop.stripe(stripe.url());
		// JPY: no decimals; 10 % added on top; shipping taxed too.
		Market jp = shop.market("jp", "JPY", true, false, "JP", "0.1", "1555");
		Product.Variant kimono = shop.variant("kimono", jp, "15555", 5);
		Browser tokyo = browser(brand);
		String token = Commerce.readyCart(tokyo, kimono.sku(), 3, "JP");
		JsonNode cart = Commerce.json(tokyo.get("/storefront/api/v1/carts/" + token));
		// 3 × 15555 = 46665; tax 4666.5 → 4667; shipping 1555, its tax 155.5 → 156.
		assertThat(cart.get("totals").get("subtotal").get("amount").asString()).isEqualTo("46665");
		assertThat(cart.get("totals").get("tax").get("amount").asString()).isEqualTo("4823");
		assertThat(cart.get("totals").get("total").get("amount").asString()).isEqualTo("53043");
		int before = stripe.requests("/v1/payment_intents").size();

		HttpResponse<String> paid = Commerce.checkout(tokyo, token, "stripe", "pm_card_visa");

		assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
		JsonNode order = Commerce.json(paid).get("order");
		assertThat(order.get("totals").get("total").get("amount").asString()).isEqualTo("53043");
		FakeStripe.Request charged = stripe.requests("/v1/payment_intents").get(before);
		assertThat(charged.form()).containsEntry("amount", "53043").containsEntry("currency", "jpy");
		assertThat(charged.idempotencyKey()).isEqualTo("order-" + order.get("id").asString() + "-authorize");

		// BHD: three decimals, tax included; 3 × 3.335 = 10.005, tax 10.005 × 0.1 / 1.1 =
		// 0.9095… → 0.910.
		Tenant gulf = brand("exact-bhd");
		Commerce bh = commerce(gulf);
		Market bhd = bh.market("bh", "BHD", true, true, "BH", "0.1", "2.000");
		Product.Variant pearl = bh.variant("pearl", bhd, "3.335", 10);
		Browser manama = browser(gulf);
		String bhToken = Commerce.readyCart(manama, pearl.sku(), 3, "BH");
		HttpResponse<String> placed = Commerce.checkout(manama, bhToken, "manual", null);
		assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
		JsonNode totals = Commerce.json(placed).get("order").get("totals");
		assertThat(totals.get("subtotal").get("amount").asString()).isEqualTo("10.005");
		// Goods 0.910 + shipping 2.000 × 0.1 / 1.1 = 0.1818… → 0.182.
		assertThat(totals.get("tax").get("amount").asString()).isEqualTo("1.092");
		assertThat(totals.get("total").get("amount").asString()).isEqualTo("12.005");
		assertThat(bh.count("select amount_minor from payments")).as("what the payment asks for, in fils")
			.isEqualTo(12005);

		// Stripe takes BHD only in multiples of 10 fils: 12.005 is refused before any
		// call.
		bh.stripe(stripe.url());
		String unchargeable = Commerce.readyCart(manama, pearl.sku(), 3, "BH");
		int calls = stripe.requests().size();
		HttpResponse<String> refused = Commerce.checkout(manama, unchargeable, "stripe", "pm_card_visa");
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(402);
		assertThat(stripe.requests()).hasSize(calls);
		assertThat(bh.stockOf(pearl)).as("3 reserved by the manual order, none by the refused one")
			.containsExactly(10, 3, 7);
		// 2 × 3.335 = 6.670 + 2.000 = 8.670: chargeable, sent as 8670 fils.
		String chargeable = Commerce.readyCart(manama, pearl.sku(), 2, "BH");
		HttpResponse<String> ok = Commerce.checkout(manama, chargeable, "stripe", "pm_card_visa");
		assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
		assertThat(stripe.requests("/v1/payment_intents").get(stripe.requests("/v1/payment_intents").size() - 1).form())
			.containsEntry("amount", "8670")
			.containsEntry("currency", "bhd");
	}

	@Test
	void a_replayed_checkout_returns_the_same_order_and_another_body_is_refused() {
		Tenant brand = brand("replay");
		Commerce shop = commerce(brand);
		Market eu = shop.market("eu", "EUR", true, true, "FR", "0.2", "0.00");
		Product.Variant bag = shop.variant("bag", eu, "3100.00", 5);
		Browser shopper = browser(brand);
		String token = Commerce.readyCart(shopper, bag.sku(), 1, "FR");
		String key = UUID.randomUUID().toString();

		HttpResponse<String> first = Commerce.checkout(shopper, token, "manual", null, "Idempotency-Key", key);
		HttpResponse<String> again = Commerce.checkout(shopper, token, "manual", null, "Idempotency-Key", key);
		HttpResponse<String> other = Commerce.checkout(shopper, token, "stripe", "pm_x", "Idempotency-Key", key);

		assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
		assertThat(again.statusCode()).isEqualTo(201);
		assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(Commerce.json(again).get("order").get("id").asString())
			.isEqualTo(Commerce.json(first).get("order").get("id").asString());
		assertThat(other.statusCode()).isEqualTo(422);
		assertThat(Commerce.json(other).get("type").asString()).isEqualTo("urn:atelier:problem:idempotency-key-reused");
		assertThat(shop.count("select count(*) from orders")).isEqualTo(1);
		assertThat(shop.stockOf(bag)).containsExactly(5, 1, 4);
		HttpResponse<String> closed = Commerce.checkout(shopper, token, "manual", null);
		assertThat(closed.statusCode()).as("the checked-out cart takes no second checkout").isEqualTo(409);
		assertThat(Commerce.json(closed).get("type").asString()).isEqualTo("urn:atelier:problem:cart-closed");
	}

	@Test
	void limited_pieces_respect_the_purchase_limit_per_customer() {
		Tenant brand = brand("limit");
		Commerce shop = commerce(brand);
		Market eu = shop.market("eu", "EUR", true, true, "FR", "0.2", "0.00");
		Product.Variant edition = shop.variant("edition", eu, "25000.00", 10);
		TenantContext.run(brand.ref(),
				() -> this.settings.setPurchaseLimit(shop.productId(edition), 1, Commerce.TESTS));
		Browser shopper = browser(brand);
		String first = Commerce.newCart(shopper);
		Commerce.add(shopper, first, edition.sku(), 1, null);
		Commerce.details(shopper, first, "collector@example.com", "FR");
		assertThat(Commerce.checkout(shopper, first, "manual", null).statusCode()).isEqualTo(201);

		String second = Commerce.newCart(shopper);
		Commerce.add(shopper, second, edition.sku(), 1, null);
		Commerce.details(shopper, second, "Collector@Example.com", "FR");
		HttpResponse<String> refused = Commerce.checkout(shopper, second, "manual", null);

		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
		assertThat(Commerce.json(refused).get("type").asString())
			.isEqualTo("urn:atelier:problem:purchase-limit-exceeded");
		assertThat(shop.stockOf(edition)).containsExactly(10, 1, 9);
	}

	@Test
	void a_payment_finished_later_is_confirmed_once_by_its_signed_webhook() {
		Tenant brand = brand("webhook");
		Commerce shop = commerce(brand);
		Market eu = shop.market("eu", "EUR", true, true, "FR", "0.2", "0.00");
		Product.Variant bag = shop.variant("bag", eu, "2800.00", 2);
		shop.stripe(stripe.url());
		Browser shopper = browser(brand);
		String token = Commerce.readyCart(shopper, bag.sku(), 1, "FR");
		stripe.mode(FakeStripe.Mode.REQUIRES_ACTION);
		HttpResponse<String> pending;
		try {
			pending = Commerce.checkout(shopper, token, "stripe", "pm_card_threeDSecure2Required");
		}
		finally {
			stripe.mode(FakeStripe.Mode.AUTHORIZE);
		}
		assertThat(pending.statusCode()).as(pending.body()).isEqualTo(201);
		JsonNode body = Commerce.json(pending);
		assertThat(body.get("order").get("status").asString()).isEqualTo("placed");
		assertThat(body.get("order").get("paymentStatus").asString()).isEqualTo("requires_action");
		String secret = body.get("clientSecret").asString();
		String intent = secret.substring(0, secret.indexOf("_secret"));
		assertThat(shop.stockOf(bag)).containsExactly(2, 1, 1);

		String event = """
				{"id": "evt_%s", "object": "event", "type": "payment_intent.amount_capturable_updated",
				 "data": {"object": {"id": "%s", "object": "payment_intent", "amount": 280000, "currency": "eur",
				 "amount_capturable": 280000, "status": "requires_capture"}}}""".formatted(UUID.randomUUID(), intent);
		long now = Instant.now().getEpochSecond();
		HttpResponse<String> forged = shopper.json("POST", "/storefront/api/v1/payments/stripe/webhook", event,
				"Stripe-Signature", "t=" + now + ",v1=" + "0".repeat(64));
		assertThat(forged.statusCode()).isEqualTo(400);
		assertThat(Commerce.json(forged).get("type").asString()).isEqualTo("urn:atelier:problem:invalid-webhook");
		assertThat(shop.stockOf(bag)).containsExactly(2, 1, 1);

		HttpResponse<String> delivered = shopper.json("POST", "/storefront/api/v1/payments/stripe/webhook", event,
				"Stripe-Signature", FakeStripe.sign(event, now));
		HttpResponse<String> redelivered = shopper.json("POST", "/storefront/api/v1/payments/stripe/webhook", event,
				"Stripe-Signature", FakeStripe.sign(event, now));

		assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(200);
		assertThat(Commerce.json(delivered).get("duplicate").asBoolean()).isFalse();
		assertThat(Commerce.json(redelivered).get("duplicate").asBoolean()).isTrue();
		assertThat(shop.stockOf(bag)).as("paid: taken from on hand once").containsExactly(1, 0, 1);
		assertThat(shop.count("select count(*) from orders where status = 'PAID'")).isEqualTo(1);
		assertThat(shop.count("select count(*) from platform.outbox where tenant_id = '" + brand.id().value()
				+ "' and type = 'OrderPaid'"))
			.isEqualTo(1);

		// On another brand's host the same event (correctly signed with that brand's
		// secret)
		// names no payment of that brand and changes nothing.
		Tenant other = brand("webhook-other");
		commerce(other).stripe(stripe.url());
		HttpResponse<String> elsewhere = browser(other).json("POST", "/storefront/api/v1/payments/stripe/webhook",
				event.replace("evt_", "evt_x"), "Stripe-Signature",
				FakeStripe.sign(event.replace("evt_", "evt_x"), now));
		assertThat(elsewhere.statusCode()).isEqualTo(200);
		assertThat(commerce(other).count("select count(*) from payments")).isZero();
	}

	@Test
	void another_brands_cart_and_order_are_not_found() {
		Tenant a = brand("iso-a");
		Tenant b = brand("iso-b");
		Commerce shopA = commerce(a);
		Market eu = shopA.market("eu", "EUR", true, true, "FR", "0.2", "0.00");
		commerce(b).market("eu", "EUR", true, true, "FR", "0.2", "0.00");
		Product.Variant bag = shopA.variant("bag", eu, "1000.00", 3);
		Browser shopperA = browser(a);
		String token = Commerce.readyCart(shopperA, bag.sku(), 1, "FR");
		HttpResponse<String> placed = Commerce.checkout(shopperA, token, "manual", null);
		String orderId = Commerce.json(placed).get("order").get("id").asString();
		String otherCart = Commerce.readyCart(shopperA, bag.sku(), 1, "FR");
		Browser shopperB = browser(b);

		assertThat(shopperB.get("/storefront/api/v1/carts/" + otherCart).statusCode()).isEqualTo(404);
		assertThat(Commerce.checkout(shopperB, otherCart, "manual", null).statusCode()).isEqualTo(404);
		assertThat(shopperB
			.json("POST", "/storefront/api/v1/carts/" + otherCart + "/lines",
					"{\"sku\":\"" + bag.sku() + "\",\"quantity\":1}")
			.statusCode()).isEqualTo(404);
		String staffB = adminToken(b, Role.OWNER);
		for (String path : List.of("/admin/api/v1/orders/" + orderId)) {
			assertThat(browser(b).bearer("GET", path, staffB).statusCode()).as(path).isEqualTo(404);
		}
		for (String action : List.of("capture", "cancel", "notes", "refunds", "fulfillments")) {
			HttpResponse<String> refused = browser(b).json("POST", "/admin/api/v1/orders/" + orderId + "/" + action,
					"{\"reason\":\"x\",\"body\":\"x\",\"amount\":\"1.00\"}", "Authorization", "Bearer " + staffB);
			assertThat(refused.statusCode()).as(action + ": " + refused.body()).isEqualTo(404);
		}
		String staffA = adminToken(a, Role.OWNER);
		assertThat(browser(b).bearer("GET", "/admin/api/v1/orders/" + orderId, staffA).statusCode())
			.as("A's token on B's host")
			.isEqualTo(401);
		assertThat(Commerce.json(browser(b).bearer("GET", "/admin/api/v1/orders", staffB)).get("items")).isEmpty();
		assertThat(shopA.stockOf(bag)).as("only A's own checkout reserved a unit").containsExactly(3, 1, 2);
	}

	// ---- helpers

	private static List<String> prepare(Browser shopper, String sku, int carts) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<String>> futures = new ArrayList<>();
			for (int i = 0; i < carts; i++) {
				futures.add(pool.submit(() -> Commerce.readyCart(shopper, sku, 1, "FR")));
			}
			List<String> tokens = new ArrayList<>();
			for (Future<String> future : futures) {
				tokens.add(future.get());
			}
			return tokens;
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** Checks out every cart at once (all released together) and returns the statuses. */
	private static List<Integer> race(List<String> carts,
			java.util.function.Function<String, HttpResponse<String>> checkout) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(carts.size());
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Integer>> futures = new ArrayList<>();
			for (String token : carts) {
				futures.add(pool.submit(() -> {
					start.await();
					HttpResponse<String> response = checkout.apply(token);
					if (response.statusCode() != 201 && response.statusCode() != 409) {
						throw new AssertionError(response.statusCode() + " " + response.body());
					}
					return response.statusCode();
				}));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> future : futures) {
				statuses.add(future.get(120, TimeUnit.SECONDS));
			}
			return statuses;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static int secondNodePort() {
		if (secondNode == null) {
			secondNode = startNode();
		}
		return port(secondNode);
	}

}

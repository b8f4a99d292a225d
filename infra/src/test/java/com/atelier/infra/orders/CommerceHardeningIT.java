package com.atelier.infra.orders;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import com.atelier.infra.identity.Browser;
import com.atelier.platform.catalog.CatalogProblems;
import com.atelier.platform.catalog.Product;
import com.atelier.platform.catalog.ProductInput;
import com.atelier.platform.catalog.ProductStatus;
import com.atelier.platform.catalog.VariantInput;
import com.atelier.platform.identity.Actor;
import com.atelier.platform.orders.OrderProblems;
import com.atelier.platform.orders.Orders;
import com.atelier.platform.identity.Role;
import com.atelier.platform.pricing.Market;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a hostile shopper or a careless staff member must not be able to do to a brand's
 * orders, stock and money (issue 12): overflowing amounts, bypassing purchase limits,
 * holding a limited piece with unpaid orders, cancelling a captured order without the
 * permission to refund.
 */
class CommerceHardeningIT extends CommerceTestSupport {

	@Autowired
	Orders orders;

	@Test
	void a_price_times_a_quantity_too_large_for_an_amount_is_refused_and_changes_nothing() {
		Tenant brand = brand("overflow");
		Commerce shop = commerce(brand);
		Market eu = shop.market("eu", "EUR", true, false, "FR", "0.2", "0.00");
		Product.Variant jewel = shop.variant("jewel", eu, "40000000000000000.00", 5);
		Browser shopper = browser(brand);
		String token = Commerce.newCart(shopper);

		HttpResponse<String> refused = shopper.json("POST", "/storefront/api/v1/carts/" + token + "/lines",
				"{\"sku\":\"" + jewel.sku() + "\",\"quantity\":999}");

		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
		assertThat(Commerce.json(refused).get("type").asString()).isEqualTo("urn:atelier:problem:amount-too-large");
		assertThat(refused.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(Commerce.json(shopper.get("/storefront/api/v1/carts/" + token)).get("lines")).isEmpty();
		assertThat(shop.count("select count(*) from cart_lines")).isZero();
	}

	@Test
	void an_anonymous_idempotency_key_is_scoped_to_a_secret_and_refused_where_there_is_none() {
		Tenant brand = brand("idem-anon");
		Commerce shop = commerce(brand);
		Market eu = shop.market("eu", "EUR", true, true, "FR", "0.2", "0.00");
		Product.Variant pin = shop.variant("pin", eu, "90.00", 10);
		Browser first = browser(brand);
		Browser second = browser(brand);
		String key = "same-key-" + UUID.randomUUID();

		// The probe: two shoppers post a new cart with the same key and body.
		HttpResponse<String> a = first.json("POST", "/storefront/api/v1/carts", "{}", "Idempotency-Key", key);
		HttpResponse<String> b = second.json("POST", "/storefront/api/v1/carts", "{}", "Idempotency-Key", key);

		assertThat(a.statusCode()).as(a.body()).isEqualTo(400);
		assertThat(Commerce.json(a).get("type").asString())
			.isEqualTo("urn:atelier:problem:idempotency-key-not-allowed");
		assertThat(b.statusCode()).as("the second shopper never sees the first one's cart token").isEqualTo(400);
		assertThat(Commerce.json(b).has("token")).isFalse();
		assertThat(shop.count("select count(*) from carts")).isZero();
		HttpResponse<String> signUp = first.json("POST", "/storefront/api/v1/customers",
				"{\"email\":\"k@example.com\",\"password\":\"" + PASSWORD + "\"}", "Idempotency-Key", key);
		assertThat(signUp.statusCode()).as(signUp.body()).isEqualTo(400);

		// Under a cart's secret token, keys work, and two carts never share them.
		String cartA = Commerce.newCart(first);
		String cartB = Commerce.newCart(second);
		String line = "{\"sku\":\"" + pin.sku() + "\",\"quantity\":1}";
		HttpResponse<String> toA = first.json("POST", "/storefront/api/v1/carts/" + cartA + "/lines", line,
				"Idempotency-Key", key);
		HttpResponse<String> toB = second.json("POST", "/storefront/api/v1/carts/" + cartB + "/lines", line,
				"Idempotency-Key", key);
		HttpResponse<String> toAAgain = first.json("POST", "/storefront/api/v1/carts/" + cartA + "/lines", line,
				"Idempotency-Key", key);
		assertThat(toA.statusCode()).as(toA.body()).isEqualTo(201);
		assertThat(toB.statusCode()).as(toB.body()).isEqualTo(201);
		assertThat(toB.headers().firstValue("Idempotent-Replayed")).isEmpty();
		assertThat(toAAgain.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(shop.count("select sum(quantity) from cart_lines")).as("one unit in each cart").isEqualTo(2);
	}

	@Test
	void a_refund_whose_node_stopped_before_storing_the_response_is_not_made_again() {
		Tenant brand = brand("idem-crash");
		Commerce shop = commerce(brand);
		Market eu = shop.market("eu", "EUR", true, true, "FR", "0.2", "0.00");
		Product.Variant bag = shop.variant("bag", eu, "2000.00", 4);
		Browser shopper = browser(brand);
		Browser admin = browser(brand);
		String owner = adminToken(brand, Role.OWNER);
		String order = Commerce
			.json(Commerce.checkout(shopper, Commerce.readyCart(shopper, bag.sku(), 1, "FR"), "manual", null))
			.get("order")
			.get("id")
			.asString();
		assertThat(admin
			.json("POST", "/admin/api/v1/orders/" + order + "/capture", "{}", "Authorization", "Bearer " + owner)
			.statusCode()).isEqualTo(200);
		String key = "refund-" + UUID.randomUUID();
		String refund = "{\"amount\":\"100.00\",\"reason\":\"scratch\"}";
		HttpResponse<String> first = admin.json("POST", "/admin/api/v1/orders/" + order + "/refunds", refund,
				"Authorization", "Bearer " + owner, "Idempotency-Key", key);
		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);

		// The node stopped after the refund committed and before it stored the response:
		// the key is still claimed, with no response, and the claim is older than the
		// takeover delay.
		shop.count("with k as (update idempotency_keys set state = 'IN_FLIGHT', response_status = null,"
				+ " response_body = null, response_type = null, response_location = null,"
				+ " created_at = now() - interval '10 minutes' where idempotency_key = '" + key
				+ "' returning 1) select count(*) from k");
		HttpResponse<String> retry = admin.json("POST", "/admin/api/v1/orders/" + order + "/refunds", refund,
				"Authorization", "Bearer " + owner, "Idempotency-Key", key);

		assertThat(retry.statusCode()).as(retry.body()).isEqualTo(409);
		assertThat(Commerce.json(retry).get("type").asString())
			.isEqualTo("urn:atelier:problem:idempotency-key-applied");
		assertThat(shop.count("select count(*) from refunds")).as("refunded once").isOne();
		assertThat(shop.count("select refunded_minor from orders")).isEqualTo(10000);
	}

	@Test
	void a_checkout_whose_node_stopped_before_storing_the_response_places_no_second_order() {
		Tenant brand = brand("idem-order");
		Commerce shop = commerce(brand);
		Market eu = shop.market("eu", "EUR", true, true, "FR", "0.2", "0.00");
		Product.Variant bag = shop.variant("bag", eu, "2000.00", 4);
		Browser shopper = browser(brand);
		String cart = Commerce.readyCart(shopper, bag.sku(), 1, "FR");
		String key = "checkout-" + UUID.randomUUID();
		assertThat(Commerce.checkout(shopper, cart, "manual", null, "Idempotency-Key", key).statusCode())
			.isEqualTo(201);
		assertThat(shop.count("select count(*) from idempotency_keys where applied_at is not null"))
			.as("marked in the statement that wrote the order, committed with the reservation")
			.isOne();
		shop.count("with k as (update idempotency_keys set state = 'IN_FLIGHT', response_status = null,"
				+ " response_body = null, created_at = now() - interval '10 minutes' returning 1)"
				+ " select count(*) from k");
		// Even with its cart open again, the retry is not run.
		shop.count("with c as (update carts set status = 'OPEN' returning 1) select count(*) from c");

		HttpResponse<String> retry = Commerce.checkout(shopper, cart, "manual", null, "Idempotency-Key", key);

		assertThat(retry.statusCode()).as(retry.body()).isEqualTo(409);
		assertThat(Commerce.json(retry).get("type").asString())
			.isEqualTo("urn:atelier:problem:idempotency-key-applied");
		assertThat(shop.count("select count(*) from orders")).isOne();
		assertThat(shop.stockOf(bag)).containsExactly(4, 1, 3);
	}

	@Test
	void a_purchase_limit_counts_by_the_normalised_address_and_the_signed_in_customer() throws Exception {
		Tenant brand = brand("limit-norm");
		Commerce shop = commerce(brand);
		Market eu = shop.market("eu", "EUR", true, true, "FR", "0.2", "0.00");
		Product.Variant edition = shop.variant("edition", eu, "25000.00", 20);
		TenantContext.run(brand.ref(),
				() -> this.settings.setPurchaseLimit(shop.productId(edition), 1, Commerce.TESTS));
		shop.noUnpaidOrderLimits();
		Browser shopper = browser(brand);
		assertThat(limited(shopper, edition, "limit@example.com", null).statusCode()).isEqualTo(201);

		for (String variant : List.of("limit+2@example.com", "l.imit@example.com", "L.I.M.I.T+x@EXAMPLE.com")) {
			HttpResponse<String> refused = limited(shopper, edition, variant, null);
			assertThat(refused.statusCode()).as(variant + " " + refused.body()).isEqualTo(409);
			assertThat(Commerce.json(refused).get("type").asString())
				.isEqualTo("urn:atelier:problem:purchase-limit-exceeded");
		}

		// Ten variants at once: one order.
		List<String> carts = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			String token = Commerce.newCart(shopper);
			Commerce.add(shopper, token, edition.sku(), 1, null);
			Commerce.details(shopper, token, "race+" + i + "@" + ((i % 2 == 0) ? "gmail.com" : "googlemail.com"), "FR");
			carts.add(token);
		}
		List<Integer> statuses = race(carts, (token) -> Commerce.checkout(shopper, token, "manual", null));
		assertThat(statuses.stream().filter((s) -> s == 201)).hasSize(1);
		assertThat(statuses.stream().filter((s) -> s == 409)).hasSize(9);

		// Signed in: the limit follows the verified account, whatever address the cart
		// names.
		Credentials collector = customer(brand);
		String token = browser(brand).tokens("storefront", collector.email(), collector.password())
			.get("access_token")
			.asString();
		assertThat(limited(shopper, edition, "first@example.com", token).statusCode()).isEqualTo(201);
		HttpResponse<String> again = limited(shopper, edition, "someone-else@example.com", token);
		assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
		HttpResponse<String> anonymous = limited(shopper, edition, collector.email().replace("@", "+x@"), null);
		assertThat(anonymous.statusCode()).as("the account's address, anonymously").isEqualTo(409);
		assertThat(shop.stockOf(edition)).containsExactly(20, 3, 17);
	}

	@Test
	void unpaid_orders_are_limited_per_network_address_email_and_device() throws Exception {
		Tenant brand = brand("unpaid");
		Commerce shop = commerce(brand);
		Market eu = shop.market("eu", "EUR", true, true, "FR", "0.2", "0.00");
		Product.Variant piece = shop.variant("piece", eu, "900.00", 50);
		Browser shopper = browser(brand);
		String owner = adminToken(brand, Role.OWNER);
		HttpResponse<String> limits = shopper.json("PATCH", "/admin/api/v1/checkout-settings",
				"{\"unpaidOrdersPerIp\":3,\"unpaidOrdersPerEmail\":0}", "Authorization", "Bearer " + owner);
		assertThat(limits.statusCode()).as(limits.body()).isEqualTo(200);
		JsonNode shown = Commerce.json(shopper.bearer("GET", "/admin/api/v1/checkout-settings", owner));
		assertThat(shown.get("unpaidOrdersPerIp").asInt()).isEqualTo(3);
		assertThat(shown.get("unpaidOrdersPerEmail").isNull()).isTrue();
		assertThat(shown.get("unpaidOrdersPerDevice").asInt()).isEqualTo(3);
		assertThat(shown.get("storefrontManualPayment").asBoolean()).isTrue();

		// Ten at once from one address: three hold stock, seven are refused.
		List<String> carts = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			carts.add(Commerce.readyCart(shopper, piece.sku(), 1, "FR"));
		}
		List<HttpResponse<String>> answers = raceResponses(carts,
				(token) -> Commerce.checkout(shopper, token, "manual", null));
		assertThat(answers.stream().filter((r) -> r.statusCode() == 201)).hasSize(3);
		HttpResponse<String> refused = answers.stream().filter((r) -> r.statusCode() != 201).findFirst().orElseThrow();
		assertThat(answers.stream().filter((r) -> r.statusCode() == 429)).hasSize(7);
		assertThat(Commerce.json(refused).get("type").asString()).isEqualTo("urn:atelier:problem:unpaid-order-limit");
		assertThat(Commerce.json(refused).get("detail").asString()).contains("3 per network address");
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("900");
		assertThat(shop.stockOf(piece)).as("the refused reserved nothing").containsExactly(50, 3, 47);
		assertThat(shop.count("select count(*) from orders")).isEqualTo(3);

		// Paying for one gives its hold back.
		String paid = Commerce.json(answers.stream().filter((r) -> r.statusCode() == 201).findFirst().orElseThrow())
			.get("order")
			.get("id")
			.asString();
		assertThat(shopper
			.json("POST", "/admin/api/v1/orders/" + paid + "/capture", "{}", "Authorization", "Bearer " + owner)
			.statusCode()).isEqualTo(200);
		assertThat(Commerce.checkout(shopper, Commerce.readyCart(shopper, piece.sku(), 1, "FR"), "manual", null)
			.statusCode()).isEqualTo(201);

		// Per e-mail (normalised) and per device.
		shop.checkoutSettings(null, 1, 0, 1);
		assertThat(checkoutAs(shopper, piece, "buyer+a@example.com", null).statusCode()).isEqualTo(201);
		HttpResponse<String> sameBuyer = checkoutAs(shopper, piece, "Buyer@example.com", null);
		assertThat(sameBuyer.statusCode()).as(sameBuyer.body()).isEqualTo(429);
		assertThat(Commerce.json(sameBuyer).get("detail").asString()).contains("1 per e-mail address");
		assertThat(checkoutAs(shopper, piece, "one@example.com", "device-0123456789").statusCode()).isEqualTo(201);
		HttpResponse<String> sameDevice = checkoutAs(shopper, piece, "two@example.com", "device-0123456789");
		assertThat(sameDevice.statusCode()).as(sameDevice.body()).isEqualTo(429);
		assertThat(Commerce.json(sameDevice).get("detail").asString()).contains("1 per device");
		assertThat(shop.stockOf(piece)).containsExactly(49, 5, 44);
	}

	@Test
	void a_brand_can_keep_manual_payment_to_its_staff() {
		Tenant brand = brand("staff-manual");
		Commerce shop = commerce(brand);
		Market eu = shop.market("eu", "EUR", true, true, "FR", "0.2", "0.00");
		Product.Variant piece = shop.variant("piece", eu, "900.00", 5);
		shop.checkoutSettings(false, null, null, null);
		Browser shopper = browser(brand);
		String cart = Commerce.readyCart(shopper, piece.sku(), 1, "FR");

		HttpResponse<String> refused = Commerce.checkout(shopper, cart, "manual", null);

		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
		assertThat(Commerce.json(refused).get("type").asString())
			.isEqualTo("urn:atelier:problem:manual-payment-staff-only");
		assertThat(shop.stockOf(piece)).as("nothing reserved").containsExactly(5, 0, 5);
		assertThat(shop.count("select count(*) from orders")).isZero();
		assertThat(Commerce.json(shopper.get("/storefront/api/v1/carts/" + cart)).get("status").asString())
			.isEqualTo("open");
	}

	private static HttpResponse<String> checkoutAs(Browser shopper, Product.Variant variant, String email,
			String device) {
		String token = Commerce.newCart(shopper);
		Commerce.add(shopper, token, variant.sku(), 1, null);
		Commerce.details(shopper, token, email, "FR");
		return (device != null) ? Commerce.checkout(shopper, token, "manual", null, "X-Atelier-Device", device)
				: Commerce.checkout(shopper, token, "manual", null);
	}

	private static HttpResponse<String> limited(Browser shopper, Product.Variant edition, String email, String bearer) {
		String token = Commerce.newCart(shopper);
		Commerce.add(shopper, token, edition.sku(), 1, null);
		Commerce.details(shopper, token, email, "FR");
		return (bearer != null) ? Commerce.checkout(shopper, token, "manual", null, "Authorization", "Bearer " + bearer)
				: Commerce.checkout(shopper, token, "manual", null);
	}

	private static List<Integer> race(List<String> carts, Function<String, HttpResponse<String>> checkout)
			throws Exception {
		return raceResponses(carts, checkout).stream().map(HttpResponse::statusCode).toList();
	}

	/** Checks out every cart at once (released together). */
	private static List<HttpResponse<String>> raceResponses(List<String> carts,
			Function<String, HttpResponse<String>> checkout) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(carts.size());
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<HttpResponse<String>>> futures = new ArrayList<>();
			for (String token : carts) {
				futures.add(pool.submit(() -> {
					start.await();
					return checkout.apply(token);
				}));
			}
			start.countDown();
			List<HttpResponse<String>> answers = new ArrayList<>();
			for (Future<HttpResponse<String>> future : futures) {
				answers.add(future.get(60, TimeUnit.SECONDS));
			}
			return answers;
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void cancelling_refunds_only_with_payments_write_decided_on_the_state_it_changes() throws Exception {
		Tenant brand = brand("cancel-race");
		Commerce shop = commerce(brand);
		Market eu = shop.market("eu", "EUR", true, true, "FR", "0.2", "0.00");
		Product.Variant bag = shop.variant("bag", eu, "2000.00", 20);
		shop.noUnpaidOrderLimits();
		Browser shopper = browser(brand);
		Browser admin = browser(brand);
		String owner = adminToken(brand, Role.OWNER);
		String fulfillment = adminToken(brand, Role.FULFILLMENT);

		// Captured (a transfer marked paid): cancelling it refunds, which a FULFILLMENT
		// user may not do, and the service decides so itself, on the order it changes.
		String captured = placeManual(shopper, bag);
		assertThat(admin
			.json("POST", "/admin/api/v1/orders/" + captured + "/capture", "{}", "Authorization", "Bearer " + owner)
			.statusCode()).isEqualTo(200);
		HttpResponse<String> refused = admin.json("POST", "/admin/api/v1/orders/" + captured + "/cancel",
				"{\"reason\":\"x\"}", "Authorization", "Bearer " + fulfillment);
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
		Actor clerk = Actor.operator("fulfillment clerk");
		assertThatThrownBy(() -> TenantContext.run(brand.ref(),
				() -> this.orders.cancel(UUID.fromString(captured), "stale page", clerk, false)))
			.isInstanceOf(OrderProblems.PaymentsPermissionRequired.class);
		assertThat(shop.count("select count(*) from refunds")).isZero();
		assertThat(shop.count("select count(*) from orders where status = 'CANCELLED'")).isZero();

		// A capture racing a FULFILLMENT cancellation: whichever wins, nothing is
		// refunded
		// by the FULFILLMENT user.
		for (int i = 0; i < 6; i++) {
			String order = placeManual(shopper, bag);
			List<HttpResponse<String>> answers = raceResponses(List.of("capture", "cancel"),
					(action) -> admin.json("POST", "/admin/api/v1/orders/" + order + "/" + action,
							"cancel".equals(action) ? "{\"reason\":\"race\"}" : "{}", "Authorization",
							"Bearer " + ("cancel".equals(action) ? fulfillment : owner)));
			assertThat(answers).allSatisfy((r) -> assertThat(r.statusCode()).as(r.body()).isLessThan(500));
		}
		assertThat(shop.count("select count(*) from refunds")).isZero();
		assertThat(shop.count("select count(*) from orders where refunded_minor > 0")).isZero();
		assertThat(shop.count("select count(*) from orders where status = 'CANCELLED' and captured_minor > 0"))
			.isZero();
	}

	@Test
	void options_values_and_variants_per_product_are_bounded() {
		Tenant brand = brand("bounds");
		List<String> hundredAndOne = new ArrayList<>();
		for (int i = 0; i <= 100; i++) {
			hundredAndOne.add("v" + i);
		}
		List<String> sixteen = hundredAndOne.subList(0, 16);
		List<VariantInput> many = new ArrayList<>();
		for (int a = 0; a < 16 && many.size() < 251; a++) {
			for (int b = 0; b < 16 && many.size() < 251; b++) {
				many.add(new VariantInput("SKU-" + a + "-" + b, null, List.of(sixteen.get(a), sixteen.get(b)), null));
			}
		}
		assertThatThrownBy(
				() -> create(brand, "too-many-values", List.of(new ProductInput.Option("Size", hundredAndOne)),
						List.of(new VariantInput("ONE", null, List.of("v0"), null))))
			.isInstanceOf(CatalogProblems.Invalid.class)
			.hasMessageContaining("at most 100 values");
		assertThatThrownBy(() -> create(brand, "too-many-variants",
				List.of(new ProductInput.Option("A", sixteen), new ProductInput.Option("B", sixteen)), many))
			.isInstanceOf(CatalogProblems.Invalid.class)
			.hasMessageContaining("at most 250 variants");
		Product full = create(brand, "full",
				List.of(new ProductInput.Option("A", sixteen), new ProductInput.Option("B", sixteen)),
				many.subList(0, 250));
		assertThatThrownBy(() -> TenantContext.run(brand.ref(),
				() -> this.catalog.addVariant(full.id(),
						new VariantInput("ONE-MORE", null, List.of("v15", "v15"), null), Commerce.TESTS)))
			.isInstanceOf(CatalogProblems.Invalid.class)
			.hasMessageContaining("at most 250 variants");
	}

	private Product create(Tenant brand, String handle, List<ProductInput.Option> options,
			List<VariantInput> variants) {
		return TenantContext.call(brand.ref(),
				() -> this.catalog.createProduct(new ProductInput(handle, handle, null, ProductStatus.ACTIVE, null,
						null, null, null, List.of(), options, variants, java.util.Map.of()), Commerce.TESTS));
	}

	private static String placeManual(Browser shopper, Product.Variant variant) {
		HttpResponse<String> placed = Commerce.checkout(shopper, Commerce.readyCart(shopper, variant.sku(), 1, "FR"),
				"manual", null);
		assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
		return Commerce.json(placed).get("order").get("id").asString();
	}

	@Test
	void a_brand_admin_cannot_point_stripe_at_another_host() throws Exception {
		Tenant brand = brand("ssrf");
		Commerce shop = commerce(brand);
		Market eu = shop.market("eu", "EUR", true, true, "FR", "0.2", "0.00");
		Product.Variant bag = shop.variant("bag", eu, "2000.00", 4);
		Browser admin = browser(brand);
		String owner = adminToken(brand, Role.OWNER);
		try (FakeStripe evil = new FakeStripe("127.0.0.1")) {
			for (String base : List.of(evil.url(), "http://169.254.169.254", "http://10.0.0.1", "http://[::1]:8080",
					"https://stripe-proxy.example.com", "http://127.0.0.1")) {
				HttpResponse<String> refused = admin.json("PUT", "/admin/api/v1/payment-providers/stripe",
						"{\"secretKey\":\"" + FakeStripe.SECRET_KEY + "\",\"webhookSecret\":\""
								+ FakeStripe.WEBHOOK_SECRET + "\",\"apiBase\":\"" + base + "\"}",
						"Authorization", "Bearer " + owner);
				assertThat(refused.statusCode()).as(base + " " + refused.body()).isEqualTo(400);
				assertThat(Commerce.json(refused).get("errors").get(0).get("field").asString()).isEqualTo("apiBase");
			}
			assertThat(shop.count("select count(*) from payment_settings")).as("nothing stored").isZero();

			// Saved before the allow-list existed: not used, and nothing of the shopper's
			// goes there.
			shop.stripe(stripe.url());
			shop.count("with s as (update payment_settings set api_base = '" + evil.url()
					+ "' returning 1) select count(*) from s");
			Browser shopper = browser(brand);
			HttpResponse<String> card = Commerce.checkout(shopper, Commerce.readyCart(shopper, bag.sku(), 1, "FR"),
					"stripe", "pm_card_visa");
			assertThat(card.statusCode()).as(card.body()).isEqualTo(422);
			assertThat(evil.requests()).isEmpty();
		}
	}

}

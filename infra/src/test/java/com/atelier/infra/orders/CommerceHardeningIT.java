package com.atelier.infra.orders;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.atelier.infra.identity.Browser;
import com.atelier.platform.catalog.Product;
import com.atelier.platform.identity.Role;
import com.atelier.platform.pricing.Market;
import com.atelier.platform.tenancy.Tenant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a hostile shopper or a careless staff member must not be able to do to a brand's
 * orders, stock and money (issue 12): overflowing amounts, bypassing purchase limits,
 * holding a limited piece with unpaid orders, cancelling a captured order without the
 * permission to refund.
 */
class CommerceHardeningIT extends CommerceTestSupport {

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

}

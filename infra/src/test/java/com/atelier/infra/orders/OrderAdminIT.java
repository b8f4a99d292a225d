package com.atelier.infra.orders;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.atelier.infra.identity.Browser;
import com.atelier.platform.catalog.Product;
import com.atelier.platform.identity.Role;
import com.atelier.platform.pricing.Market;
import com.atelier.platform.tenancy.Tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Orders through the admin API: capture, partial and full fulfillment, partial and full
 * refunds, cancellation (stock released or put back, authorization voided), notes,
 * illegal transitions as problems, permissions per role, the audit log, the events in the
 * outbox and the order timeline their subscriber keeps.
 */
class OrderAdminIT extends CommerceTestSupport {

	@Test
	void a_manual_order_is_paid_shipped_in_two_parts_and_refunded_in_two_parts() {
		Tenant brand = brand("lifecycle");
		Commerce shop = commerce(brand);
		Market eu = shop.market("eu", "EUR", true, true, "FR", "0.2", "20.00");
		Product.Variant coat = shop.variant("coat", eu, "1000.00", 5);
		Browser shopper = browser(brand);
		String token = Commerce.readyCart(shopper, coat.sku(), 3, "FR");
		String id = Commerce.json(Commerce.checkout(shopper, token, "manual", null)).get("order").get("id").asString();
		Browser admin = browser(brand);
		String fulfillment = adminToken(brand, Role.FULFILLMENT);
		String owner = adminToken(brand, Role.OWNER);

		HttpResponse<String> early = post(admin, id, "fulfillments", "{}", fulfillment);
		assertThat(early.statusCode()).as(early.body()).isEqualTo(409);
		assertThat(Commerce.json(early).get("type").asString()).isEqualTo("urn:atelier:problem:order-state-conflict");
		assertThat(post(admin, id, "capture", "", fulfillment).statusCode()).as("money needs payments:write")
			.isEqualTo(403);

		JsonNode paid = Commerce.json(ok(post(admin, id, "capture", "", owner)));
		assertThat(paid.get("status").asString()).isEqualTo("paid");
		assertThat(paid.get("captured").get("amount").asString()).isEqualTo("3020.00");
		assertThat(shop.stockOf(coat)).as("sold: taken from on hand").containsExactly(2, 0, 2);
		assertThat(post(admin, id, "capture", "", owner).statusCode()).isEqualTo(409);

		String line = paid.get("lines").get(0).get("id").asString();
		JsonNode part = Commerce.json(
				ok(post(admin, id, "fulfillments",
						"{\"lines\":[{\"lineId\":\"" + line
								+ "\",\"quantity\":2}],\"carrier\":\"DHL\",\"trackingNumber\":\"JD01\"}",
						fulfillment)));
		assertThat(part.get("status").asString()).isEqualTo("partially_fulfilled");
		HttpResponse<String> tooMany = post(admin, id, "fulfillments",
				"{\"lines\":[{\"lineId\":\"" + line + "\",\"quantity\":2}]}", fulfillment);
		assertThat(tooMany.statusCode()).isEqualTo(400);
		assertThat(tooMany.body()).contains("lines[0].quantity");
		JsonNode shipped = Commerce.json(ok(post(admin, id, "fulfillments", "{\"carrier\":\"DHL\"}", fulfillment)));
		assertThat(shipped.get("status").asString()).isEqualTo("fulfilled");
		assertThat(shipped.get("fulfillments")).hasSize(2);
		assertThat(post(admin, id, "cancel", "{\"reason\":\"late\"}", owner).statusCode())
			.as("shipped orders are refunded, not cancelled")
			.isEqualTo(409);

		assertThat(post(admin, id, "refunds", "{\"amount\":\"20.00\",\"reason\":\"x\"}", fulfillment).statusCode())
			.isEqualTo(403);
		HttpResponse<String> tooMuch = post(admin, id, "refunds", "{\"amount\":\"3020.01\",\"reason\":\"x\"}", owner);
		assertThat(tooMuch.statusCode()).isEqualTo(400);
		assertThat(tooMuch.body()).contains("3020.00");
		assertThat(post(admin, id, "refunds", "{\"amount\":\"1.001\",\"reason\":\"x\"}", owner).statusCode())
			.as("EUR has two decimals")
			.isEqualTo(400);
		JsonNode partly = Commerce
			.json(ok(post(admin, id, "refunds", "{\"amount\":\"1000.00\",\"reason\":\"one coat returned\"}", owner)));
		assertThat(partly.get("status").asString()).isEqualTo("partially_refunded");
		assertThat(partly.get("refunded").get("amount").asString()).isEqualTo("1000.00");
		JsonNode refunded = Commerce
			.json(ok(post(admin, id, "refunds", "{\"amount\":\"2020.00\",\"reason\":\"all returned\"}", owner)));
		assertThat(refunded.get("status").asString()).isEqualTo("refunded");
		assertThat(refunded.get("refunds")).hasSize(2);
		assertThat(post(admin, id, "refunds", "{\"amount\":\"0.01\",\"reason\":\"x\"}", owner).statusCode())
			.isEqualTo(409);

		JsonNode noted = Commerce.json(ok(post(admin, id, "notes", "{\"body\":\"Called the client.\"}", fulfillment)));
		assertThat(noted.get("notes").get(0).get("body").asString()).isEqualTo("Called the client.");

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(Commerce.texts(
					Commerce.json(admin.bearer("GET", "/admin/api/v1/orders/" + id, fulfillment)).get("timeline"),
					"type"))
				.containsExactly("OrderPlaced", "OrderPaid", "OrderFulfilled", "OrderFulfilled", "OrderRefunded",
						"OrderRefunded"));
		assertThat(shop.count(
				"select count(*) from platform.outbox where aggregate_id = '" + id + "' and delivered_at is not null"))
			.isEqualTo(6);
		JsonNode audit = Commerce.json(admin.bearer("GET", "/admin/api/v1/audit-events?limit=50", owner));
		assertThat(Commerce.texts(audit.get("items"), "action")).contains("order.captured", "order.fulfilled",
				"order.refunded", "order.note-added");
		// The shopper sees none of the staff notes.
		assertThat(shop.count("select count(*) from order_notes")).isEqualTo(1);
	}

	@Test
	void cancelling_releases_reserved_stock_or_puts_sold_stock_back_and_voids_the_card() {
		Tenant brand = brand("cancel");
		Commerce shop = commerce(brand);
		Market eu = shop.market("eu", "EUR", true, true, "FR", "0.2", "0.00");
		Product.Variant bag = shop.variant("bag", eu, "2000.00", 4);
		shop.stripe(stripe.url());
		Browser shopper = browser(brand);
		Browser admin = browser(brand);
		String owner = adminToken(brand, Role.OWNER);
		String fulfillment = adminToken(brand, Role.FULFILLMENT);

		String unpaid = Commerce
			.json(Commerce.checkout(shopper, Commerce.readyCart(shopper, bag.sku(), 1, "FR"), "manual", null))
			.get("order")
			.get("id")
			.asString();
		assertThat(shop.stockOf(bag)).containsExactly(4, 1, 3);
		JsonNode cancelled = Commerce
			.json(ok(post(admin, unpaid, "cancel", "{\"reason\":\"no transfer\"}", fulfillment)));
		assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
		assertThat(shop.stockOf(bag)).as("reservation released").containsExactly(4, 0, 4);
		assertThat(post(admin, unpaid, "cancel", "{\"reason\":\"again\"}", owner).statusCode()).isEqualTo(409);

		HttpResponse<String> card = Commerce.checkout(shopper, Commerce.readyCart(shopper, bag.sku(), 2, "FR"),
				"stripe", "pm_card_visa");
		String authorized = Commerce.json(card).get("order").get("id").asString();
		assertThat(Commerce.json(card).get("order").get("status").asString()).isEqualTo("paid");
		assertThat(shop.stockOf(bag)).containsExactly(2, 0, 2);
		int cancels = stripe.requests("/v1/payment_intents/").size();
		JsonNode voided = Commerce
			.json(ok(post(admin, authorized, "cancel", "{\"reason\":\"fraud check\"}", fulfillment)));
		assertThat(voided.get("status").asString()).isEqualTo("cancelled");
		assertThat(voided.get("payments").get(0).get("status").asString()).isEqualTo("voided");
		assertThat(stripe.requests("/v1/payment_intents/")
			.subList(cancels, stripe.requests("/v1/payment_intents/").size())).singleElement()
			.satisfies((r) -> assertThat(r.path()).endsWith("/cancel"));
		assertThat(shop.stockOf(bag)).as("sold units back on hand").containsExactly(4, 0, 4);

		String captured = Commerce
			.json(Commerce.checkout(shopper, Commerce.readyCart(shopper, bag.sku(), 1, "FR"), "stripe", "pm_card_visa"))
			.get("order")
			.get("id")
			.asString();
		JsonNode taken = Commerce.json(ok(post(admin, captured, "capture", "", owner)));
		assertThat(taken.get("payments").get(0).get("status").asString()).isEqualTo("captured");
		assertThat(stripe.requests().get(stripe.requests().size() - 1).form()).containsEntry("amount_to_capture",
				"200000");
		assertThat(post(admin, captured, "cancel", "{\"reason\":\"changed mind\"}", fulfillment).statusCode())
			.as("cancelling a captured order refunds it: payments:write")
			.isEqualTo(403);
		JsonNode refunded = Commerce.json(ok(post(admin, captured, "cancel", "{\"reason\":\"changed mind\"}", owner)));
		assertThat(refunded.get("status").asString()).isEqualTo("cancelled");
		assertThat(refunded.get("refunded").get("amount").asString()).isEqualTo("2000.00");
		assertThat(stripe.requests().get(stripe.requests().size() - 1).path()).isEqualTo("/v1/refunds");
		assertThat(shop.stockOf(bag)).containsExactly(4, 0, 4);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(shop.count("select count(*) from platform.outbox where tenant_id = '"
					+ brand.id().value() + "' and type = 'OrderCancelled' and delivered_at is not null"))
				.isEqualTo(3));
	}

	@Test
	void orders_are_listed_newest_first_with_filters_and_a_cursor() {
		Tenant brand = brand("listing");
		Commerce shop = commerce(brand);
		Market eu = shop.market("eu", "EUR", true, true, "FR", "0.2", "0.00");
		Product.Variant tie = shop.variant("tie", eu, "150.00", 20);
		Browser shopper = browser(brand);
		for (int i = 0; i < 5; i++) {
			String token = Commerce.newCart(shopper);
			Commerce.add(shopper, token, tie.sku(), 1, null);
			Commerce.details(shopper, token, (i % 2 == 0) ? "even@example.com" : "odd@example.com", "FR");
			assertThat(Commerce.checkout(shopper, token, "manual", null).statusCode()).isEqualTo(201);
		}
		String analyst = adminToken(brand, Role.ANALYST);
		Browser admin = browser(brand);
		JsonNode first = Commerce.json(admin.bearer("GET", "/admin/api/v1/orders?limit=2", analyst));
		JsonNode second = Commerce
			.json(admin.bearer("GET", "/admin/api/v1/orders?limit=2&after=" + first.get("next").asString(), analyst));
		JsonNode third = Commerce
			.json(admin.bearer("GET", "/admin/api/v1/orders?limit=2&after=" + second.get("next").asString(), analyst));
		List<String> numbers = new java.util.ArrayList<>();
		for (JsonNode page : List.of(first, second, third)) {
			numbers.addAll(Commerce.texts(page.get("items"), "number"));
		}
		assertThat(numbers).containsExactly("1005", "1004", "1003", "1002", "1001");
		assertThat(third.get("next").isNull()).isTrue();
		assertThat(
				Commerce.json(admin.bearer("GET", "/admin/api/v1/orders?email=EVEN@example.com", analyst)).get("items"))
			.hasSize(3);
		assertThat(Commerce.json(admin.bearer("GET", "/admin/api/v1/orders?status=paid", analyst)).get("items"))
			.isEmpty();
		assertThat(admin.bearer("GET", "/admin/api/v1/orders?status=shipped", analyst).statusCode()).isEqualTo(400);
		assertThat(admin.bearer("GET", "/admin/api/v1/orders?after=bogus", analyst).statusCode()).isEqualTo(400);
		String id = first.get("items").get(0).get("id").asString();
		assertThat(post(admin, id, "notes", "{\"body\":\"x\"}", analyst).statusCode()).as("analysts only read")
			.isEqualTo(403);
		assertThat(admin.bearer("GET", "/admin/api/v1/orders", adminToken(brand, Role.MERCHANDISER)).statusCode())
			.isEqualTo(403);
	}

	@Test
	void a_customer_sees_their_own_orders_and_no_one_elses() {
		Tenant brand = brand("history");
		Commerce shop = commerce(brand);
		Market eu = shop.market("eu", "EUR", true, true, "FR", "0.2", "0.00");
		Product.Variant tie = shop.variant("tie", eu, "150.00", 20);
		Credentials ines = customer(brand);
		Credentials other = customer(brand);
		String inesToken = browser(brand).tokens("storefront", ines.email(), ines.password())
			.get("access_token")
			.asString();
		String otherToken = browser(brand).tokens("storefront", other.email(), other.password())
			.get("access_token")
			.asString();
		Browser shopper = browser(brand);
		String anonymous = Commerce.newCart(shopper);
		Commerce.add(shopper, anonymous, tie.sku(), 2, null);

		// Signing in merges the cart filled before into the customer's own.
		HttpResponse<String> claimed = shopper.json("POST", "/storefront/api/v1/customers/me/cart",
				"{\"cartToken\":\"" + anonymous + "\"}", "Authorization", "Bearer " + inesToken);
		assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
		String token = Commerce.json(claimed).get("token").asString();
		assertThat(Commerce.json(claimed).get("email").asString()).isEqualTo(ines.email());
		assertThat(Commerce.json(claimed).get("lines").get(0).get("quantity").asInt()).isEqualTo(2);
		shopper.json("PATCH", "/storefront/api/v1/carts/" + token,
				"{\"country\":\"FR\",\"shippingMethod\":\"standard\"}");
		HttpResponse<String> placed = Commerce.checkout(shopper, token, "manual", null, "Authorization",
				"Bearer " + inesToken);
		assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
		String id = Commerce.json(placed).get("order").get("id").asString();

		JsonNode mine = Commerce.json(shopper.bearer("GET", "/storefront/api/v1/customers/me/orders", inesToken));
		assertThat(Commerce.texts(mine.get("items"), "id")).containsExactly(id);
		assertThat(shopper.bearer("GET", "/storefront/api/v1/customers/me/orders/" + id, inesToken).statusCode())
			.isEqualTo(200);
		assertThat(shopper.bearer("GET", "/storefront/api/v1/customers/me/orders/" + id, otherToken).statusCode())
			.isEqualTo(404);
		assertThat(
				Commerce.json(shopper.bearer("GET", "/storefront/api/v1/customers/me/orders", otherToken)).get("items"))
			.isEmpty();
		assertThat(shopper.get("/storefront/api/v1/customers/me/orders").statusCode()).isEqualTo(401);
		Tenant elsewhere = brand("history-b");
		assertThat(browser(elsewhere).bearer("GET", "/storefront/api/v1/customers/me/orders/" + id, inesToken)
			.statusCode()).as("another brand's host refuses the token").isEqualTo(401);
	}

	private static HttpResponse<String> post(Browser admin, String orderId, String action, String body, String token) {
		return admin.json("POST", "/admin/api/v1/orders/" + orderId + "/" + action, body.isEmpty() ? "{}" : body,
				"Authorization", "Bearer " + token);
	}

	private static HttpResponse<String> ok(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response;
	}

}

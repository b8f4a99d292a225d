package com.atelier.admin.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.atelier.admin.MoneyJson;
import com.atelier.platform.catalog.CatalogProblems;
import com.atelier.platform.catalog.Page;
import com.atelier.platform.identity.Permission;
import com.atelier.platform.identity.TenantTokens;
import com.atelier.platform.orders.Order;
import com.atelier.platform.orders.OrderStatus;
import com.atelier.platform.orders.OrderSummary;
import com.atelier.platform.orders.Orders;
import com.atelier.platform.orders.Totals;

/**
 * Orders: {@code /admin/api/v1/orders} (list with filters, newest first), one order with
 * its payments, shipments, refunds, notes and timeline, and the actions on it. Capturing
 * and refunding move money and need {@code payments:write}; so does cancelling an order
 * whose payment was captured (it is refunded).
 */
@RestController
class OrderAdminController {

	private final Orders orders;

	private final TenantTokens tokens;

	OrderAdminController(Orders orders, TenantTokens tokens) {
		this.orders = orders;
		this.tokens = tokens;
	}

	@GetMapping("/admin/api/v1/orders")
	OrderList list(@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String email,
			@RequestParam(required = false) @Nullable UUID customerId,
			@RequestParam(required = false) @Nullable String placedFrom,
			@RequestParam(required = false) @Nullable String placedBefore,
			@RequestParam(required = false) @Nullable String after, @RequestParam(defaultValue = "50") int limit) {
		OrderStatus wanted = null;
		if (status != null) {
			try {
				wanted = OrderStatus.valueOf(status.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw CatalogProblems.Invalid.of("status", "must be one of placed, paid, partially_fulfilled,"
						+ " fulfilled, cancelled, partially_refunded, refunded");
			}
		}
		Page<OrderSummary> page = this.orders.list(new Orders.Filter(wanted, email, customerId,
				instant("placedFrom", placedFrom), instant("placedBefore", placedBefore)), after, limit);
		return new OrderList(page.items().stream().map(OrderSummaryResource::of).toList(), page.next());
	}

	private static @Nullable Instant instant(String field, @Nullable String text) {
		if (text == null) {
			return null;
		}
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw CatalogProblems.Invalid.of(field, "must be an ISO 8601 instant, e.g. 2026-11-23T00:00:00Z");
		}
	}

	@GetMapping("/admin/api/v1/orders/{id}")
	OrderResource get(@PathVariable UUID id) {
		return OrderResource.of(this.orders.get(id));
	}

	@PostMapping("/admin/api/v1/orders/{id}/capture")
	OrderResource capture(@PathVariable UUID id, Authentication authentication) {
		return OrderResource.of(this.orders.capture(id, this.tokens.actor(authentication)));
	}

	@PostMapping("/admin/api/v1/orders/{id}/fulfillments")
	OrderResource fulfill(@PathVariable UUID id, @RequestBody(required = false) @Nullable FulfillmentInput body,
			Authentication authentication) {
		List<Order.FulfilledLine> lines = (body != null && body.lines() != null) ? body.lines().stream().map((l) -> {
			if (l.lineId() == null || l.quantity() == null) {
				throw CatalogProblems.Invalid.of("lines", "each line needs a lineId and a quantity");
			}
			return new Order.FulfilledLine(l.lineId(), l.quantity());
		}).toList() : List.of();
		return OrderResource.of(this.orders.fulfill(id, lines, (body != null) ? body.carrier() : null,
				(body != null) ? body.trackingNumber() : null, this.tokens.actor(authentication)));
	}

	@PostMapping("/admin/api/v1/orders/{id}/cancel")
	OrderResource cancel(@PathVariable UUID id, @RequestBody CancelInput body, Authentication authentication) {
		// Whether the cancellation refunds is decided by the service on the state it
		// changes, not here on a read that a capture could overtake.
		boolean mayRefund = authentication.getAuthorities()
			.stream()
			.anyMatch((a) -> Permission.PAYMENTS_WRITE.scope().equals(a.getAuthority()));
		return OrderResource.of(this.orders.cancel(id, (body.reason() != null) ? body.reason() : "",
				this.tokens.actor(authentication), mayRefund));
	}

	@PostMapping("/admin/api/v1/orders/{id}/refunds")
	OrderResource refund(@PathVariable UUID id, @RequestBody RefundInput body, Authentication authentication) {
		return OrderResource.of(this.orders.refund(id, body.amount(), (body.reason() != null) ? body.reason() : "",
				this.tokens.actor(authentication)));
	}

	@PostMapping("/admin/api/v1/orders/{id}/notes")
	OrderResource note(@PathVariable UUID id, @RequestBody NoteInput body, Authentication authentication) {
		return OrderResource
			.of(this.orders.addNote(id, (body.body() != null) ? body.body() : "", this.tokens.actor(authentication)));
	}

	record FulfillmentLineInput(@Nullable UUID lineId, @Nullable Integer quantity) {
	}

	/**
	 * @param lines units per order line; omitted or empty ships everything left
	 * @param carrier carrier
	 * @param trackingNumber tracking number
	 */
	record FulfillmentInput(@Nullable List<FulfillmentLineInput> lines, @Nullable String carrier,
			@Nullable String trackingNumber) {
	}

	record CancelInput(@Nullable String reason) {
	}

	/**
	 * @param amount decimal in the order's currency
	 * @param reason why
	 */
	record RefundInput(@Nullable String amount, @Nullable String reason) {
	}

	record NoteInput(@Nullable String body) {
	}

	record OrderList(List<OrderSummaryResource> items, @Nullable String next) {
	}

	record OrderSummaryResource(UUID id, long number, String status, String email, String market, MoneyJson total,
			int units, Instant placedAt) {

		static OrderSummaryResource of(OrderSummary o) {
			return new OrderSummaryResource(o.id(), o.number(), o.status().wire(), o.email(), o.market(),
					MoneyJson.of(o.total()), o.units(), o.placedAt());
		}

	}

	record TotalsResource(MoneyJson subtotal, MoneyJson discount, MoneyJson shipping, MoneyJson tax, MoneyJson total,
			boolean taxIncluded) {

		static TotalsResource of(Totals t) {
			return new TotalsResource(MoneyJson.of(t.subtotal()), MoneyJson.of(t.discount()),
					MoneyJson.of(t.shipping()), MoneyJson.of(t.tax()), MoneyJson.of(t.total()), t.taxIncluded());
		}

	}

	record LineResource(UUID id, String sku, String title, String variantTitle, String personalization, int quantity,
			int fulfilledQuantity, MoneyJson unitPrice, MoneyJson subtotal, BigDecimal taxRate, MoneyJson tax) {
	}

	record PaymentResource(UUID id, String provider, @Nullable String reference, String status, MoneyJson amount,
			MoneyJson captured, MoneyJson refunded, @Nullable String failureMessage) {
	}

	record FulfillmentResource(UUID id, @Nullable String carrier, @Nullable String trackingNumber,
			List<Order.FulfilledLine> lines, Instant createdAt) {
	}

	record RefundResource(UUID id, MoneyJson amount, String reason, @Nullable String reference, Instant createdAt) {
	}

	record OrderResource(UUID id, long number, String status, String email, @Nullable UUID customerId, String market,
			String country, @Nullable String shippingMethod, List<LineResource> lines, TotalsResource totals,
			MoneyJson captured, MoneyJson refunded, String paymentProvider, @Nullable Instant reservationExpiresAt,
			@Nullable String cancelReason, List<PaymentResource> payments, List<FulfillmentResource> fulfillments,
			List<RefundResource> refunds, List<Order.Note> notes, List<Order.TimelineEntry> timeline, Instant placedAt,
			Instant updatedAt) {

		static OrderResource of(Order o) {
			return new OrderResource(o.id(), o.number(), o.status().wire(), o.email(), o.customerId(), o.market(),
					o.country(), o.shippingMethod(),
					o.lines()
						.stream()
						.map((l) -> new LineResource(l.id(), l.sku(), l.title(), l.variantTitle(), l.personalization(),
								l.quantity(), l.fulfilledQuantity(), MoneyJson.of(l.unitPrice()),
								MoneyJson.of(l.subtotal()), l.taxRate(), MoneyJson.of(l.tax())))
						.toList(),
					TotalsResource.of(o.totals()), MoneyJson.of(o.captured()), MoneyJson.of(o.refunded()),
					o.paymentProvider(), o.reservationExpiresAt(), o.cancelReason(),
					o.payments()
						.stream()
						.map((p) -> new PaymentResource(p.id(), p.provider(), p.reference(), p.status(),
								MoneyJson.of(p.amount()), MoneyJson.of(p.captured()), MoneyJson.of(p.refunded()),
								p.failureMessage()))
						.toList(),
					o.fulfillments()
						.stream()
						.map((f) -> new FulfillmentResource(f.id(), f.carrier(), f.trackingNumber(), f.lines(),
								f.createdAt()))
						.toList(),
					o.refunds()
						.stream()
						.map((r) -> new RefundResource(r.id(), MoneyJson.of(r.amount()), r.reason(), r.reference(),
								r.createdAt()))
						.toList(),
					o.notes(), o.timeline(), o.placedAt(), o.updatedAt());
		}

	}

}

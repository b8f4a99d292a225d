package com.atelier.storefront.checkout;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.atelier.platform.money.Money;
import com.atelier.platform.orders.Cart;
import com.atelier.platform.orders.CommerceSettings;
import com.atelier.platform.orders.Order;
import com.atelier.platform.orders.Totals;

/**
 * Response bodies of the cart and order endpoints. Money is
 * {@code {"amount":"1250.00","currency":"EUR"}}, with exactly the currency's decimals.
 */
final class CheckoutJson {

	private CheckoutJson() {
	}

	record MoneyJson(String amount, String currency) {

		static @Nullable MoneyJson of(@Nullable Money money) {
			return (money != null) ? new MoneyJson(money.amount(), money.currency().code()) : null;
		}

	}

	record TotalsJson(MoneyJson subtotal, MoneyJson discount, MoneyJson shipping, MoneyJson tax, MoneyJson total,
			boolean taxIncluded) {

		static TotalsJson of(Totals t) {
			return new TotalsJson(MoneyJson.of(t.subtotal()), MoneyJson.of(t.discount()), MoneyJson.of(t.shipping()),
					MoneyJson.of(t.tax()), MoneyJson.of(t.total()), t.taxIncluded());
		}

	}

	record CartJson(UUID id, @Nullable String token, String status, String market, String currency,
			@Nullable String email, @Nullable String country, @Nullable String shippingMethod, List<CartLineJson> lines,
			TotalsJson totals) {

		static CartJson of(Cart cart) {
			return new CartJson(cart.id(), cart.token(), cart.status(), cart.market(), cart.currency(), cart.email(),
					cart.country(), cart.shippingMethod(), cart.lines().stream().map(CartLineJson::of).toList(),
					TotalsJson.of(cart.totals()));
		}

	}

	record CartLineJson(UUID id, UUID variantId, String sku, String product, String title, String variantTitle,
			String personalization, int quantity, @Nullable MoneyJson unitPrice, @Nullable MoneyJson subtotal,
			@Nullable MoneyJson tax, boolean onSale) {

		static CartLineJson of(Cart.Line l) {
			return new CartLineJson(l.id(), l.variantId(), l.sku(), l.productHandle(), l.title(), l.variantTitle(),
					l.personalization(), l.quantity(), MoneyJson.of(l.unitPrice()), MoneyJson.of(l.subtotal()),
					MoneyJson.of(l.tax()), l.unitPrice() != null);
		}

	}

	record ShippingMethodJson(String handle, String name, MoneyJson amount, @Nullable MoneyJson freeFrom) {

		static ShippingMethodJson of(CommerceSettings.ShippingMethod m) {
			return new ShippingMethodJson(m.handle(), m.name(), MoneyJson.of(m.amount()), MoneyJson.of(m.freeFrom()));
		}

	}

	record ShippingMethodsJson(String market, List<ShippingMethodJson> methods) {
	}

	/** An order as its shopper sees it: no staff notes, no provider references. */
	record OrderJson(UUID id, long number, String status, String email, String market, String country,
			@Nullable String shippingMethod, List<OrderLineJson> lines, TotalsJson totals, MoneyJson refunded,
			String paymentProvider, @Nullable String paymentStatus, @Nullable Instant reservationExpiresAt,
			@Nullable String cancelReason, List<ShipmentJson> shipments, Instant placedAt) {

		static OrderJson of(Order o) {
			Order.Payment payment = o.payments().isEmpty() ? null : o.payments().get(o.payments().size() - 1);
			return new OrderJson(o.id(), o.number(), o.status().wire(), o.email(), o.market(), o.country(),
					o.shippingMethod(), o.lines().stream().map(OrderLineJson::of).toList(), TotalsJson.of(o.totals()),
					MoneyJson.of(o.refunded()), o.paymentProvider(), (payment != null) ? payment.status() : null,
					o.reservationExpiresAt(), o.cancelReason(),
					o.fulfillments()
						.stream()
						.map((f) -> new ShipmentJson(f.carrier(), f.trackingNumber(), f.createdAt()))
						.toList(),
					o.placedAt());
		}

	}

	record OrderLineJson(UUID id, String sku, String title, String variantTitle, String personalization, int quantity,
			int shipped, MoneyJson unitPrice, MoneyJson subtotal, BigDecimal taxRate, MoneyJson tax) {

		static OrderLineJson of(Order.Line l) {
			return new OrderLineJson(l.id(), l.sku(), l.title(), l.variantTitle(), l.personalization(), l.quantity(),
					l.fulfilledQuantity(), MoneyJson.of(l.unitPrice()), MoneyJson.of(l.subtotal()), l.taxRate(),
					MoneyJson.of(l.tax()));
		}

	}

	record ShipmentJson(@Nullable String carrier, @Nullable String trackingNumber, Instant shippedAt) {
	}

	/**
	 * @param order the order
	 * @param clientSecret for a payment that requires action in the browser, or null
	 */
	record CheckoutJsonBody(OrderJson order, @Nullable String clientSecret) {
	}

	record OrderSummaryJson(UUID id, long number, String status, MoneyJson total, int units, Instant placedAt) {
	}

	record OrderListJson(List<OrderSummaryJson> items, @Nullable String next) {
	}

}

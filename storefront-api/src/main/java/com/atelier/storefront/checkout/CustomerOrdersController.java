package com.atelier.storefront.checkout;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.atelier.platform.catalog.Page;
import com.atelier.platform.orders.OrderSummary;
import com.atelier.platform.orders.Orders;
import com.atelier.storefront.checkout.CheckoutJson.MoneyJson;
import com.atelier.storefront.checkout.CheckoutJson.OrderJson;
import com.atelier.storefront.checkout.CheckoutJson.OrderListJson;
import com.atelier.storefront.checkout.CheckoutJson.OrderSummaryJson;

/**
 * A signed-in shopper's orders: {@code /storefront/api/v1/customers/me/orders}, newest
 * first, and one order. Anyone else's order is not found.
 */
@RestController
class CustomerOrdersController {

	private final Orders orders;

	CustomerOrdersController(Orders orders) {
		this.orders = orders;
	}

	@GetMapping("/storefront/api/v1/customers/me/orders")
	OrderListJson list(@RequestParam(required = false) @Nullable String after,
			@RequestParam(defaultValue = "20") int limit, Authentication authentication) {
		UUID customer = UUID.fromString(authentication.getName());
		Page<OrderSummary> page = this.orders.list(new Orders.Filter(null, null, customer, null, null), after,
				Math.min(limit, 100));
		return new OrderListJson(page.items()
			.stream()
			.map((o) -> new OrderSummaryJson(o.id(), o.number(), o.status().wire(), MoneyJson.of(o.total()), o.units(),
					o.placedAt()))
			.toList(), page.next());
	}

	@GetMapping("/storefront/api/v1/customers/me/orders/{id}")
	OrderJson get(@PathVariable UUID id, Authentication authentication) {
		return OrderJson.of(this.orders.getForCustomer(UUID.fromString(authentication.getName()), id));
	}

}

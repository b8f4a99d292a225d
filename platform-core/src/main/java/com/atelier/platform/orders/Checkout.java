package com.atelier.platform.orders;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Turns a cart into an order: one transaction reserves stock for every line at once and
 * places the order (reservation expiring after the tenant's reservation time); after it
 * has committed (no row lock held), the provider is asked to authorize the total; its
 * answer confirms the reservation (paid), leaves it waiting (pending, action required) or
 * releases it (failed).
 */
public interface Checkout {

	/**
	 * @param cartToken the cart
	 * @param customerId the signed-in customer, or null
	 * @param provider {@code manual} or {@code stripe}
	 * @param paymentMethod the provider's payment method token, or null
	 * @return the order
	 * @throws com.atelier.platform.inventory.InsufficientStock when a line cannot be
	 * reserved (nothing is reserved)
	 * @throws OrderProblems.PaymentFailed when the provider refused (stock released, cart
	 * reopened)
	 */
	CheckoutResult checkout(String cartToken, @Nullable UUID customerId, String provider,
			@Nullable String paymentMethod);

}

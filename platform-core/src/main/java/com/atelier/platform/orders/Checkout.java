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
	default CheckoutResult checkout(String cartToken, @Nullable UUID customerId, String provider,
			@Nullable String paymentMethod) {
		return checkout(cartToken, customerId, provider, paymentMethod, Origin.STAFF);
	}

	/**
	 * As {@link #checkout(String, UUID, String, String)}, for a request from somewhere.
	 * @param origin where the checkout comes from: a storefront shopper is bound by the
	 * brand's unpaid-order limits and its choice of storefront payment providers
	 * @throws OrderProblems.UnpaidOrderLimit when the shopper holds too many unpaid
	 * orders (nothing is reserved)
	 */
	CheckoutResult checkout(String cartToken, @Nullable UUID customerId, String provider,
			@Nullable String paymentMethod, Origin origin);

	/**
	 * Where a checkout comes from.
	 *
	 * @param storefront whether a shopper sent it through the storefront API
	 * @param clientIp the shopper's network address, if known
	 * @param deviceId the device the brand's front end names ({@code X-Atelier-Device}),
	 * if any
	 */
	record Origin(boolean storefront, @Nullable String clientIp, @Nullable String deviceId) {

		/** Staff or the platform itself (demo data): no shopper limits. */
		public static final Origin STAFF = new Origin(false, null, null);

		public static Origin storefront(@Nullable String clientIp, @Nullable String deviceId) {
			return new Origin(true, clientIp, deviceId);
		}

	}

}

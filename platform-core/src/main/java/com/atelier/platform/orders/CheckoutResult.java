package com.atelier.platform.orders;

import org.jspecify.annotations.Nullable;

/**
 * @param order the order, {@code placed} (payment pending or requiring action) or
 * {@code paid}
 * @param clientSecret what the shopper's browser needs to finish a payment that requires
 * action (Stripe's PaymentIntent client secret), or null
 */
public record CheckoutResult(Order order, @Nullable String clientSecret) {
}

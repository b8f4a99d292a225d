package com.atelier.platform.payments;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import com.atelier.platform.money.Money;

/**
 * An authorization to ask a provider for.
 *
 * @param amount exactly the order's total, in the order's currency
 * @param orderId the order's id, sent to the provider as metadata
 * @param orderNumber the order's number as the shopper sees it, e.g. {@code 1042}
 * @param idempotencyKey unique per authorization attempt
 * @param paymentMethod the provider's payment method token from the shopper's browser
 * (Stripe: {@code pm_...}); null for {@code manual}
 * @param email the shopper's email, for the provider's receipt, or null
 */
public record PaymentRequest(Money amount, String orderId, String orderNumber, String idempotencyKey,
		@Nullable String paymentMethod, @Nullable String email) {

	public PaymentRequest {
		Objects.requireNonNull(amount, "amount");
		Objects.requireNonNull(orderId, "orderId");
		Objects.requireNonNull(orderNumber, "orderNumber");
		Objects.requireNonNull(idempotencyKey, "idempotencyKey");
	}

}

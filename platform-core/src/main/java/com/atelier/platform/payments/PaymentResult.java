package com.atelier.platform.payments;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import com.atelier.platform.money.Money;

/**
 * What a provider answered.
 *
 * @param status where the payment stands
 * @param reference the provider's id of the payment (Stripe: the PaymentIntent
 * {@code pi_...}; for a refund, the refund {@code re_...})
 * @param amount the amount the provider acted on, in the request's currency; null when
 * the answer names none (a manual void)
 * @param failureCode the provider's reason code when {@link PaymentStatus#FAILED}, e.g.
 * {@code card_declined}
 * @param failureMessage a message that may be shown to the shopper or staff
 * @param clientSecret what the shopper's browser needs to finish
 * {@link PaymentStatus#REQUIRES_ACTION}, or null
 */
public record PaymentResult(PaymentStatus status, String reference, @Nullable Money amount,
		@Nullable String failureCode, @Nullable String failureMessage, @Nullable String clientSecret) {

	public PaymentResult {
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(reference, "reference");
	}

	public static PaymentResult of(PaymentStatus status, String reference, @Nullable Money amount) {
		return new PaymentResult(status, reference, amount, null, null, null);
	}

	public static PaymentResult failed(String reference, Money amount, String code, String message) {
		return new PaymentResult(PaymentStatus.FAILED, reference, amount, code, message, null);
	}

}

package com.atelier.platform.payments;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import com.atelier.platform.money.Money;

/**
 * A verified provider webhook, reduced to what Atelier acts on.
 *
 * @param id the provider's event id (Stripe: {@code evt_...}); processed once per tenant
 * @param type the provider's event type, e.g. {@code payment_intent.succeeded}
 * @param reference the payment it is about (Stripe: the PaymentIntent id), or null when
 * it is about none
 * @param status where that payment now stands, or null when the event does not say
 * @param amount the amount concerned (authorized, captured or refunded), or null
 */
public record ProviderEvent(String id, String type, @Nullable String reference, @Nullable PaymentStatus status,
		@Nullable Money amount) {

	public ProviderEvent {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(type, "type");
	}

}

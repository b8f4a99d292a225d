package com.atelier.platform.payments.internal;

import java.util.Map;

import com.atelier.platform.money.Money;
import com.atelier.platform.payments.InvalidWebhook;
import com.atelier.platform.payments.PaymentProvider;
import com.atelier.platform.payments.PaymentRequest;
import com.atelier.platform.payments.PaymentResult;
import com.atelier.platform.payments.PaymentStatus;
import com.atelier.platform.payments.ProviderEvent;

/**
 * Payment outside the checkout: bank transfer or in boutique. Authorizing leaves the
 * payment pending; staff capture it when the money has arrived ("mark paid"). Nothing
 * leaves the process, so every call succeeds at once and is naturally idempotent.
 */
final class ManualPaymentProvider implements PaymentProvider {

	static final String NAME = "manual";

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public boolean remote() {
		return false;
	}

	@Override
	public PaymentResult authorize(PaymentRequest request) {
		return PaymentResult.of(PaymentStatus.PENDING, "manual-" + request.orderId(), request.amount());
	}

	@Override
	public PaymentResult capture(String reference, Money amount, String idempotencyKey) {
		return PaymentResult.of(PaymentStatus.CAPTURED, reference, amount);
	}

	@Override
	public PaymentResult voidAuthorization(String reference, String idempotencyKey) {
		return PaymentResult.of(PaymentStatus.VOIDED, reference, null);
	}

	@Override
	public PaymentResult refund(String reference, Money amount, String idempotencyKey) {
		return PaymentResult.of(PaymentStatus.REFUNDED, "manual-refund-" + idempotencyKey, amount);
	}

	@Override
	public ProviderEvent verifyWebhook(String payload, Map<String, String> headers) {
		throw new InvalidWebhook("The manual provider sends no webhooks.");
	}

}

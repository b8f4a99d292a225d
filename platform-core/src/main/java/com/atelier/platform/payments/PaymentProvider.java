package com.atelier.platform.payments;

import java.util.Map;

import com.atelier.platform.money.Money;

/**
 * One way to take money, configured for one tenant. Every call that moves money carries
 * an idempotency key that the provider honours, so a retried call never charges twice.
 * Calls are made outside any database transaction (never while a row lock is held).
 * <p>
 * A refusal by the provider (a declined card, an amount it does not accept) is a result
 * with status {@link PaymentStatus#FAILED}; a provider that cannot be reached or answers
 * with a server error throws {@link PaymentProviderUnavailable}, and the call may be
 * retried with the same key.
 */
public interface PaymentProvider {

	/** The provider's name as stored on payments: {@code manual}, {@code stripe}. */
	String name();

	/**
	 * Whether calls leave the process. A provider that answers locally ({@code manual})
	 * may be asked inside a transaction, saving checkout a round of work; a remote one is
	 * only ever called with no transaction open.
	 */
	default boolean remote() {
		return true;
	}

	/**
	 * Reserves the amount on the shopper's payment method without taking it.
	 * @param request what to authorize
	 * @return {@link PaymentStatus#AUTHORIZED}, {@link PaymentStatus#PENDING} (money
	 * arrives later, e.g. a bank transfer), {@link PaymentStatus#REQUIRES_ACTION} (the
	 * shopper must authenticate, e.g. 3-D Secure) or {@link PaymentStatus#FAILED}
	 */
	PaymentResult authorize(PaymentRequest request);

	/**
	 * Takes an authorized (or, for {@code manual}, received) amount.
	 * @param reference the provider's reference from {@link #authorize}
	 * @param amount at most the authorized amount
	 * @param idempotencyKey unique per capture
	 * @return {@link PaymentStatus#CAPTURED} or {@link PaymentStatus#FAILED}
	 */
	PaymentResult capture(String reference, Money amount, String idempotencyKey);

	/**
	 * Cancels an authorization that was not captured.
	 * @param reference the provider's reference from {@link #authorize}
	 * @param idempotencyKey unique per void
	 * @return {@link PaymentStatus#VOIDED} or {@link PaymentStatus#FAILED}
	 */
	PaymentResult voidAuthorization(String reference, String idempotencyKey);

	/**
	 * Gives back part or all of a captured amount.
	 * @param reference the provider's reference from {@link #authorize}
	 * @param amount at most what was captured and not yet refunded
	 * @param idempotencyKey unique per refund
	 * @return {@link PaymentStatus#REFUNDED} (the result's reference is the refund's) or
	 * {@link PaymentStatus#FAILED}
	 */
	PaymentResult refund(String reference, Money amount, String idempotencyKey);

	/**
	 * Checks that an incoming webhook was sent by the provider for this tenant's account
	 * and reads it.
	 * @param payload the raw request body, exactly as received
	 * @param headers the request headers, names in lower case
	 * @return the event
	 * @throws InvalidWebhook when the signature is missing, wrong or too old, or the body
	 * is not an event
	 */
	ProviderEvent verifyWebhook(String payload, Map<String, String> headers);

}

package com.atelier.platform.payments.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeError;
import com.stripe.net.RequestOptions;
import com.stripe.net.Webhook;
import com.stripe.param.PaymentIntentCaptureParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.atelier.platform.money.CurrencyCode;
import com.atelier.platform.money.Money;
import com.atelier.platform.payments.InvalidWebhook;
import com.atelier.platform.payments.PaymentProvider;
import com.atelier.platform.payments.PaymentProviderUnavailable;
import com.atelier.platform.payments.PaymentRequest;
import com.atelier.platform.payments.PaymentResult;
import com.atelier.platform.payments.PaymentStatus;
import com.atelier.platform.payments.ProviderEvent;

/**
 * Card payments through Stripe PaymentIntents, for one tenant's Stripe account.
 * <p>
 * Each instance has its own {@link StripeClient} with the tenant's secret key and API
 * base; the library's global settings ({@code Stripe.apiKey},
 * {@code Stripe.overrideApiBase}) are never used. The client does not retry: every call
 * that moves money sends the caller's idempotency key as {@code Idempotency-Key}, and the
 * caller retries with the same key after {@link PaymentProviderUnavailable}.
 * <p>
 * Authorization creates and confirms a card PaymentIntent
 * ({@code payment_method_types[]=card}, {@code capture_method=manual}); capture, void and
 * refund act on that PaymentIntent, whose id is the payment's reference. A refusal by
 * Stripe (a declined card, any other 4xx answer) is a {@link PaymentStatus#FAILED}
 * result; a network error, a timeout, a 5xx answer, rate limiting (429) or refused
 * credentials (401, 403) throw {@link PaymentProviderUnavailable}, whose message never
 * contains the secret key.
 * <p>
 * Amounts are converted by {@link StripeAmounts}, which documents Stripe's currency
 * exceptions: ISK and UGX are sent with two extra decimals ({@code 00}); MGA is sent
 * without its two ISO decimals; three-decimal currencies (BHD, JOD, KWD, OMR, TND) must
 * be multiples of 10 fils. An amount Stripe cannot take exactly is refused with a
 * {@link PaymentStatus#FAILED} result, code {@value #AMOUNT_NOT_CHARGEABLE}, before
 * anything is sent; it is never rounded.
 * <p>
 * Webhooks are verified with the library's {@code Stripe-Signature} check
 * ({@link Webhook.Signature#verifyHeader}, HMAC-SHA256 of {@code "<t>.<body>"}) and its
 * default tolerance of {@value Webhook#DEFAULT_TOLERANCE} seconds. The event is then read
 * from its raw JSON rather than through the library's model classes, so an event rendered
 * in another API version than the one the library is pinned to is read all the same.
 */
public class StripePaymentProvider implements PaymentProvider {

	/** Failure code of an amount that Stripe cannot take without rounding. */
	public static final String AMOUNT_NOT_CHARGEABLE = "amount_not_chargeable";

	private static final String SIGNATURE_HEADER = "stripe-signature";

	private final StripeClient client;

	private final String webhookSecret;

	/**
	 * Creates an adapter for one Stripe account.
	 * @param secretKey the account's secret key ({@code sk_live_...}, {@code sk_test_...}
	 * or a restricted {@code rk_...})
	 * @param webhookSecret the signing secret of the account's webhook endpoint
	 * ({@code whsec_...}); blank when no endpoint is configured, and then every webhook
	 * is refused
	 * @param apiBase Stripe's API base URL, normally {@code https://api.stripe.com}
	 * @param timeout the connect timeout and, separately, the read timeout of each call
	 */
	public StripePaymentProvider(String secretKey, String webhookSecret, String apiBase, Duration timeout) {
		this(secretKey, webhookSecret, apiBase, timeout, StrictEgress.INSTANCE);
	}

	/**
	 * Creates an adapter for one Stripe account that connects only where the egress
	 * policy allows (ADR 30).
	 * @param secretKey the account's secret key
	 * @param webhookSecret the signing secret of the account's webhook endpoint
	 * @param apiBase Stripe's API base URL; it must be one the policy permits
	 * @param timeout the connect timeout and, separately, the read timeout of each call
	 * @param egress where connections may go
	 */
	public StripePaymentProvider(String secretKey, String webhookSecret, String apiBase, Duration timeout,
			StripeEgress egress) {
		if (secretKey.isBlank()) {
			throw new IllegalArgumentException("The Stripe secret key is blank");
		}
		if (apiBase.isBlank() || !egress.permits(apiBase)) {
			throw new IllegalArgumentException("The Stripe API base URL is blank or not allowed");
		}
		int timeoutMillis = timeoutMillis(timeout);
		this.client = StripeClient.builder()
			.setApiKey(secretKey)
			.setApiBase(apiBase)
			.setConnectTimeout(timeoutMillis)
			.setReadTimeout(timeoutMillis)
			.setMaxNetworkRetries(0)
			.setHttpClient(egress.stripeClient(timeout))
			.build();
		this.webhookSecret = webhookSecret;
	}

	/** Stripe's API only, for adapters made without a policy. */
	private static final class StrictEgress {

		static final StripeEgress INSTANCE = StripeEgress.stripeOnly();

	}

	private static int timeoutMillis(Duration timeout) {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("The Stripe timeout must be positive: " + timeout);
		}
		// 0 would mean "wait forever" to HttpURLConnection.
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
	}

	@Override
	public String name() {
		return "stripe";
	}

	@Override
	public PaymentResult authorize(PaymentRequest request) {
		Money amount = request.amount();
		long stripeAmount;
		try {
			stripeAmount = StripeAmounts.toStripe(amount);
		}
		catch (IllegalArgumentException ex) {
			return PaymentResult.failed(request.idempotencyKey(), amount, AMOUNT_NOT_CHARGEABLE, ex.getMessage());
		}
		PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder()
			.setAmount(stripeAmount)
			.setCurrency(StripeAmounts.currency(amount.currency()))
			.setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.MANUAL)
			.setConfirm(true)
			// Cards only: with Stripe's default automatic payment methods, confirming
			// without a return_url is refused because some methods redirect. 3-D Secure
			// does not need one; the browser finishes it with the client secret.
			.addPaymentMethodType("card")
			.setDescription("Order " + request.orderNumber())
			.putMetadata("order_id", request.orderId())
			.putMetadata("order_number", request.orderNumber());
		if (request.paymentMethod() != null) {
			params.setPaymentMethod(request.paymentMethod());
		}
		if (request.email() != null) {
			params.setReceiptEmail(request.email());
		}
		PaymentIntent intent;
		try {
			intent = this.client.v1().paymentIntents().create(params.build(), options(request.idempotencyKey()));
		}
		catch (StripeException ex) {
			return refusal("authorize", ex, request.idempotencyKey(), amount);
		}
		return authorizationResult(intent, request);
	}

	private static PaymentResult authorizationResult(PaymentIntent intent, PaymentRequest request) {
		Money requested = request.amount();
		String reference = (intent.getId() != null) ? intent.getId() : request.idempotencyKey();
		Money amount = amountOr(intent.getAmount(), intent.getCurrency(), requested);
		String status = String.valueOf(intent.getStatus());
		return switch (status) {
			case "requires_capture" -> PaymentResult.of(PaymentStatus.AUTHORIZED, reference, amount);
			case "succeeded" -> PaymentResult.of(PaymentStatus.CAPTURED, reference, amount);
			case "requires_action" -> new PaymentResult(PaymentStatus.REQUIRES_ACTION, reference, amount, null, null,
					intent.getClientSecret());
			case "requires_payment_method", "canceled" -> failedIntent(intent, reference, amount);
			// "processing", and any state Stripe may add: nothing is known to be refused,
			// so the payment waits for its webhook.
			default -> PaymentResult.of(PaymentStatus.PENDING, reference, amount);
		};
	}

	private static PaymentResult failedIntent(PaymentIntent intent, String reference, Money amount) {
		StripeError error = intent.getLastPaymentError();
		String code = (error != null) ? code(error, null) : null;
		String message = (error != null) ? error.getMessage() : null;
		if (code == null) {
			code = "canceled".equals(intent.getStatus()) ? "payment_intent_canceled" : "payment_failed";
		}
		return PaymentResult.failed(reference, amount, code,
				(message != null) ? message : "Stripe did not authorize the payment");
	}

	@Override
	public PaymentResult capture(String reference, Money amount, String idempotencyKey) {
		long stripeAmount;
		try {
			stripeAmount = StripeAmounts.toStripe(amount);
		}
		catch (IllegalArgumentException ex) {
			return PaymentResult.failed(reference, amount, AMOUNT_NOT_CHARGEABLE, ex.getMessage());
		}
		PaymentIntentCaptureParams params = PaymentIntentCaptureParams.builder()
			.setAmountToCapture(stripeAmount)
			.build();
		PaymentIntent intent;
		try {
			intent = this.client.v1().paymentIntents().capture(reference, params, options(idempotencyKey));
		}
		catch (StripeException ex) {
			return refusal("capture", ex, reference, amount);
		}
		Money captured = amountOr(intent.getAmountReceived(), intent.getCurrency(), amount);
		return switch (String.valueOf(intent.getStatus())) {
			case "succeeded" -> PaymentResult.of(PaymentStatus.CAPTURED, reference, captured);
			case "requires_payment_method", "canceled" -> failedIntent(intent, reference, amount);
			// "processing": the capture is under way and its webhook will tell.
			default -> PaymentResult.of(PaymentStatus.PENDING, reference, amount);
		};
	}

	@Override
	public PaymentResult voidAuthorization(String reference, String idempotencyKey) {
		PaymentIntent intent;
		try {
			intent = this.client.v1().paymentIntents().cancel(reference, options(idempotencyKey));
		}
		catch (StripeException ex) {
			if (isUnavailable(ex)) {
				throw new PaymentProviderUnavailable(unavailableMessage("void", ex), ex);
			}
			// The amount is the refused PaymentIntent's when Stripe returns it, else none
			// (e.g. a reference unknown to this account).
			StripeError error = ex.getStripeError();
			PaymentIntent refused = (error != null) ? error.getPaymentIntent() : null;
			Money authorized = (refused != null) ? amountOf(refused.getAmount(), refused.getCurrency()) : null;
			String code = code(error, ex);
			String message = (error != null && error.getMessage() != null) ? error.getMessage()
					: "Stripe refused to cancel the payment";
			return new PaymentResult(PaymentStatus.FAILED, reference, authorized,
					(code != null) ? code : "stripe_error", message, null);
		}
		Money authorized = amountOf(intent.getAmount(), intent.getCurrency());
		if ("canceled".equals(intent.getStatus())) {
			return PaymentResult.of(PaymentStatus.VOIDED, reference, authorized);
		}
		return new PaymentResult(PaymentStatus.FAILED, reference, authorized, "unexpected_status",
				"Stripe left the payment in status " + intent.getStatus() + " instead of cancelling it", null);
	}

	@Override
	public PaymentResult refund(String reference, Money amount, String idempotencyKey) {
		long stripeAmount;
		try {
			stripeAmount = StripeAmounts.toStripe(amount);
		}
		catch (IllegalArgumentException ex) {
			return PaymentResult.failed(reference, amount, AMOUNT_NOT_CHARGEABLE, ex.getMessage());
		}
		RefundCreateParams params = RefundCreateParams.builder()
			.setPaymentIntent(reference)
			.setAmount(stripeAmount)
			.build();
		Refund refund;
		try {
			refund = this.client.v1().refunds().create(params, options(idempotencyKey));
		}
		catch (StripeException ex) {
			return refusal("refund", ex, reference, amount);
		}
		Money refunded = amountOr(refund.getAmount(), refund.getCurrency(), amount);
		String status = String.valueOf(refund.getStatus());
		if ("failed".equals(status) || "canceled".equals(status)) {
			String reason = refund.getFailureReason();
			return PaymentResult.failed(refund.getId(), refunded, (reason != null) ? reason : "refund_" + status,
					"Stripe did not make the refund (" + ((reason != null) ? reason : status) + ")");
		}
		// "succeeded", or "pending" / "requires_action": the refund is made and Stripe
		// completes it; a later failure arrives as a webhook.
		return PaymentResult.of(PaymentStatus.REFUNDED, refund.getId(), refunded);
	}

	@Override
	public ProviderEvent verifyWebhook(String payload, Map<String, String> headers) {
		String signature = headers.get(SIGNATURE_HEADER);
		if (signature == null || signature.isBlank()) {
			throw new InvalidWebhook("The Stripe-Signature header is missing");
		}
		if (this.webhookSecret.isBlank()) {
			throw new InvalidWebhook("No Stripe webhook signing secret is configured for this shop");
		}
		try {
			Webhook.Signature.verifyHeader(payload, signature, this.webhookSecret, Webhook.DEFAULT_TOLERANCE);
		}
		catch (SignatureVerificationException | RuntimeException ex) {
			// RuntimeException: a header such as "t=abc" that is not even well-formed.
			throw new InvalidWebhook("The Stripe-Signature header does not match the body, or is too old");
		}
		JsonNode event = jsonObject(payload);
		if (event == null) {
			throw new InvalidWebhook("The body is not a Stripe event: it is not a JSON object");
		}
		String id = string(event, "id");
		String type = string(event, "type");
		String object = string(event, "object");
		if (id == null || type == null || (object != null && !"event".equals(object))) {
			throw new InvalidWebhook("The body is not a Stripe event: it has no id or type, or is not a v1 event");
		}
		JsonNode data = event.path("data").path("object");
		if (!data.isObject()) {
			return new ProviderEvent(id, type, null, null, null);
		}
		return switch (type) {
			case "payment_intent.amount_capturable_updated" ->
				intentEvent(id, type, data, PaymentStatus.AUTHORIZED, "amount_capturable");
			case "payment_intent.succeeded" -> intentEvent(id, type, data, PaymentStatus.CAPTURED, "amount_received");
			case "payment_intent.payment_failed" -> intentEvent(id, type, data, PaymentStatus.FAILED, "amount");
			case "payment_intent.canceled" -> intentEvent(id, type, data, PaymentStatus.VOIDED, "amount");
			case "charge.refunded" -> refundedCharge(id, type, data);
			default -> new ProviderEvent(id, type, null, null, null);
		};
	}

	private static ProviderEvent intentEvent(String id, String type, JsonNode intent, PaymentStatus status,
			String amountField) {
		String reference = string(intent, "id");
		if (reference == null) {
			return new ProviderEvent(id, type, null, null, null);
		}
		return new ProviderEvent(id, type, reference, status,
				amountOf(number(intent, amountField), string(intent, "currency")));
	}

	/**
	 * A refund of a charge: the reference is the charge's PaymentIntent and the amount is
	 * everything refunded on the charge so far ({@code amount_refunded}), not only the
	 * latest refund.
	 */
	private static ProviderEvent refundedCharge(String id, String type, JsonNode charge) {
		String reference = string(charge, "payment_intent");
		if (reference == null && charge.path("payment_intent").isObject()) {
			// Expanded by the endpoint's configuration.
			reference = string(charge.path("payment_intent"), "id");
		}
		if (reference == null) {
			// A charge made without a PaymentIntent was not made by this adapter.
			return new ProviderEvent(id, type, null, null, null);
		}
		return new ProviderEvent(id, type, reference, PaymentStatus.REFUNDED,
				amountOf(number(charge, "amount_refunded"), string(charge, "currency")));
	}

	private static @Nullable JsonNode jsonObject(String payload) {
		try {
			JsonNode root = JsonMapper.shared().readTree(payload);
			return (root != null && root.isObject()) ? root : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static @Nullable String string(JsonNode object, String field) {
		JsonNode value = object.path(field);
		return value.isString() ? value.stringValue() : null;
	}

	private static @Nullable Long number(JsonNode object, String field) {
		JsonNode value = object.path(field);
		return (value.isIntegralNumber() && value.canConvertToLong()) ? value.longValue() : null;
	}

	/**
	 * A Stripe amount as Money.
	 * @return null when the amount or currency is missing or has no exact equivalent
	 */
	private static @Nullable Money amountOf(@Nullable Long stripeAmount, @Nullable String stripeCurrency) {
		if (stripeAmount == null || stripeCurrency == null) {
			return null;
		}
		Optional<CurrencyCode> currency = StripeAmounts.currencyOf(stripeCurrency);
		if (currency.isEmpty()) {
			return null;
		}
		try {
			return StripeAmounts.fromStripe(stripeAmount, currency.get());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** A Stripe amount in the requested currency, or the requested amount. */
	private static Money amountOr(@Nullable Long stripeAmount, @Nullable String stripeCurrency, Money requested) {
		Money amount = amountOf(stripeAmount, stripeCurrency);
		return (amount != null && amount.currency().equals(requested.currency())) ? amount : requested;
	}

	private static RequestOptions options(String idempotencyKey) {
		return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
	}

	/**
	 * Turns a Stripe error into a FAILED result, or throws when Stripe could not be used.
	 * @param operation what was attempted, for the message
	 * @param ex Stripe's error
	 * @param reference the reference for the result when the error names no PaymentIntent
	 * @param amount the amount for the result
	 */
	private static PaymentResult refusal(String operation, StripeException ex, String reference, Money amount) {
		if (isUnavailable(ex)) {
			throw new PaymentProviderUnavailable(unavailableMessage(operation, ex), ex);
		}
		StripeError error = ex.getStripeError();
		String failedReference = reference;
		if (error != null && error.getPaymentIntent() != null && error.getPaymentIntent().getId() != null
				&& "authorize".equals(operation)) {
			failedReference = error.getPaymentIntent().getId();
		}
		String code = code(error, ex);
		String message = (error != null && error.getMessage() != null) ? error.getMessage()
				: "Stripe refused to " + operation + " the payment";
		return PaymentResult.failed(failedReference, amount, (code != null) ? code : "stripe_error", message);
	}

	/** The decline code of a declined card, else Stripe's error code, else its type. */
	private static @Nullable String code(@Nullable StripeError error, @Nullable StripeException ex) {
		if (error != null) {
			if (error.getDeclineCode() != null) {
				return error.getDeclineCode();
			}
			if (error.getCode() != null) {
				return error.getCode();
			}
			if (error.getType() != null) {
				return error.getType();
			}
		}
		if (ex instanceof CardException card && card.getDeclineCode() != null) {
			return card.getDeclineCode();
		}
		return (ex != null) ? ex.getCode() : null;
	}

	/**
	 * Whether the error means Stripe could not be used (retry later with the same key)
	 * rather than that it refused this payment: no answer or a timeout, a server error,
	 * rate limiting (429), refused credentials (401, 403), a 409 (another request with
	 * the same idempotency key is still in progress) or an answer that cannot be read
	 * (the library's {@link ApiException}, even with status 200: the outcome is unknown,
	 * and a retry with the same key returns it). Declined cards (402) and other client
	 * errors (400, 404) are refusals.
	 */
	private static boolean isUnavailable(StripeException ex) {
		if (ex instanceof CardException || ex instanceof InvalidRequestException
				|| ex instanceof IdempotencyException) {
			return false;
		}
		if (ex instanceof ApiConnectionException || ex instanceof ApiException || ex instanceof RateLimitException
				|| ex instanceof AuthenticationException) {
			return true;
		}
		Integer status = ex.getStatusCode();
		return status == null || status >= 500 || status == 409 || status == 429 || status == 401 || status == 403;
	}

	/** A message for the caller: never Stripe's own text, which may quote the key. */
	private static String unavailableMessage(String operation, StripeException ex) {
		String request = (ex.getRequestId() != null) ? " (Stripe request " + ex.getRequestId() + ")" : "";
		if (ex instanceof ApiConnectionException) {
			return "Stripe could not be reached or did not answer in time; the " + operation + " may be retried";
		}
		if (ex instanceof PermissionException) {
			return "Stripe refused this shop's API key the permission to " + operation + request;
		}
		if (ex instanceof AuthenticationException) {
			return "Stripe refused this shop's API key" + request;
		}
		if (ex instanceof RateLimitException) {
			return "Stripe is rate-limiting this shop; the " + operation + " may be retried later" + request;
		}
		Integer status = ex.getStatusCode();
		return "Stripe answered the " + operation + " with an error"
				+ ((status != null) ? " (HTTP " + status + ")" : "") + "; it may be retried" + request;
	}

}

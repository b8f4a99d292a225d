package com.atelier.platform.payments.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.atelier.platform.money.CurrencyCode;
import com.atelier.platform.money.Money;
import com.atelier.platform.payments.InvalidWebhook;
import com.atelier.platform.payments.PaymentProviderUnavailable;
import com.atelier.platform.payments.PaymentRequest;
import com.atelier.platform.payments.PaymentResult;
import com.atelier.platform.payments.PaymentStatus;
import com.atelier.platform.payments.ProviderEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The adapter against a local server that answers like Stripe's API: what is sent (path,
 * key, idempotency key, form parameters) and how each answer is read.
 */
@Timeout(20)
class StripePaymentProviderTest {

	static final String SECRET_KEY = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";

	static final String WEBHOOK_SECRET = "whsec_test_secret";

	static final CurrencyCode EUR = new CurrencyCode("EUR");

	static final CurrencyCode JPY = new CurrencyCode("JPY");

	static final CurrencyCode BHD = new CurrencyCode("BHD");

	static final CurrencyCode ISK = new CurrencyCode("ISK");

	private final List<Recorded> requests = new CopyOnWriteArrayList<>();

	private final CountDownLatch hang = new CountDownLatch(1);

	private volatile int answerStatus = 200;

	private volatile String answerBody = "{}";

	private volatile String answerLocation;

	private volatile boolean answerNever;

	private ExecutorService executor;

	private HttpServer server;

	private StripePaymentProvider stripe;

	@BeforeEach
	void startFakeStripe() throws IOException {
		this.executor = Executors.newCachedThreadPool();
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
		this.stripe = provider(base(), Duration.ofSeconds(5));
	}

	@AfterEach
	void stopFakeStripe() {
		this.hang.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private String base() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** The local server, allowed as an operator would allow a proxy (ADR 30). */
	static final StripeEgress LOCAL = new StripeEgress(List.of("http://127.0.0.1:*"));

	private static StripePaymentProvider provider(String base, Duration timeout) {
		return new StripePaymentProvider(SECRET_KEY, WEBHOOK_SECRET, base, timeout, LOCAL);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			this.requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					exchange.getRequestHeaders().getFirst("Authorization"),
					exchange.getRequestHeaders().getFirst("Idempotency-Key"), form(body)));
			if (this.answerNever) {
				this.hang.await();
				return;
			}
			byte[] answer = this.answerBody.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.getResponseHeaders().set("Request-Id", "req_test123");
			if (this.answerLocation != null) {
				exchange.getResponseHeaders().set("Location", this.answerLocation);
			}
			exchange.sendResponseHeaders(this.answerStatus, answer.length);
			exchange.getResponseBody().write(answer);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Map<String, String> form(String body) {
		Map<String, String> form = new LinkedHashMap<>();
		if (body.isEmpty()) {
			return form;
		}
		for (String pair : body.split("&")) {
			int equals = pair.indexOf('=');
			String name = (equals < 0) ? pair : pair.substring(0, equals);
			String value = (equals < 0) ? "" : pair.substring(equals + 1);
			form.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
		return form;
	}

	private void answer(int status, String json) {
		this.answerStatus = status;
		this.answerBody = json;
	}

	private Recorded onlyRequest() {
		assertThat(this.requests).hasSize(1);
		return this.requests.get(0);
	}

	private static PaymentRequest request(Money amount, String key) {
		return new PaymentRequest(amount, "0b5f1c9e-order", "1042", key, "pm_card_visa", "shopper@example.com");
	}

	private static String intent(String id, long amount, String currency, String status) {
		return """
				{"id": "%s", "object": "payment_intent", "amount": %d, "amount_capturable": %d,
				 "amount_received": 0, "currency": "%s", "status": "%s", "capture_method": "manual",
				 "client_secret": "%s_secret_abc", "last_payment_error": null, "livemode": false,
				 "metadata": {"order_id": "0b5f1c9e-order", "order_number": "1042"}}
				""".formatted(id, amount, amount, currency, status, id);
	}

	@Test
	void an_authorization_creates_a_confirmed_manual_capture_payment_intent() {
		answer(200, intent("pi_1", 125000, "eur", "requires_capture"));

		PaymentResult result = this.stripe.authorize(request(Money.parse("1250.00", EUR), "authorize-1"));

		assertThat(result.status()).isEqualTo(PaymentStatus.AUTHORIZED);
		assertThat(result.reference()).isEqualTo("pi_1");
		assertThat(result.amount()).isEqualTo(Money.parse("1250.00", EUR));
		assertThat(result.clientSecret()).isNull();
		Recorded sent = onlyRequest();
		assertThat(sent.method()).isEqualTo("POST");
		assertThat(sent.path()).isEqualTo("/v1/payment_intents");
		assertThat(sent.authorization()).isEqualTo("Bearer " + SECRET_KEY);
		assertThat(sent.idempotencyKey()).isEqualTo("authorize-1");
		assertThat(sent.form()).containsEntry("amount", "125000")
			.containsEntry("currency", "eur")
			.containsEntry("capture_method", "manual")
			.containsEntry("confirm", "true")
			.containsEntry("payment_method", "pm_card_visa")
			.containsEntry("payment_method_types[0]", "card")
			.containsEntry("receipt_email", "shopper@example.com")
			.containsEntry("description", "Order 1042")
			.containsEntry("metadata[order_id]", "0b5f1c9e-order")
			.containsEntry("metadata[order_number]", "1042");
	}

	@Test
	void without_email_no_receipt_is_asked_for() {
		answer(200, intent("pi_1", 125000, "eur", "requires_capture"));

		this.stripe.authorize(new PaymentRequest(Money.parse("1250.00", EUR), "o", "1042", "k", "pm_card_visa", null));

		assertThat(onlyRequest().form()).doesNotContainKey("receipt_email");
	}

	@Test
	void an_authentication_to_finish_in_the_browser_returns_the_client_secret() {
		answer(200, intent("pi_2", 5000, "eur", "requires_action"));

		PaymentResult result = this.stripe.authorize(request(Money.parse("50.00", EUR), "authorize-2"));

		assertThat(result.status()).isEqualTo(PaymentStatus.REQUIRES_ACTION);
		assertThat(result.reference()).isEqualTo("pi_2");
		assertThat(result.clientSecret()).isEqualTo("pi_2_secret_abc");
	}

	@Test
	void a_processing_payment_is_pending_and_a_captured_one_captured() {
		answer(200, intent("pi_3", 5000, "eur", "processing"));
		assertThat(this.stripe.authorize(request(Money.parse("50.00", EUR), "a")).status())
			.isEqualTo(PaymentStatus.PENDING);
		answer(200, intent("pi_3", 5000, "eur", "succeeded"));
		assertThat(this.stripe.authorize(request(Money.parse("50.00", EUR), "b")).status())
			.isEqualTo(PaymentStatus.CAPTURED);
	}

	@Test
	void a_declined_card_is_a_failed_result_not_an_exception() {
		answer(402, """
				{"error": {"type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds",
				  "message": "Your card has insufficient funds.", "charge": "ch_9",
				  "payment_intent": {"id": "pi_4", "object": "payment_intent", "amount": 5000, "currency": "eur",
				    "status": "requires_payment_method"}}}
				""");

		PaymentResult result = this.stripe.authorize(request(Money.parse("50.00", EUR), "authorize-4"));

		assertThat(result.status()).isEqualTo(PaymentStatus.FAILED);
		assertThat(result.reference()).isEqualTo("pi_4");
		assertThat(result.amount()).isEqualTo(Money.parse("50.00", EUR));
		assertThat(result.failureCode()).isEqualTo("insufficient_funds");
		assertThat(result.failureMessage()).isEqualTo("Your card has insufficient funds.");
	}

	@Test
	void a_payment_intent_that_needs_another_payment_method_is_failed_with_its_last_error() {
		answer(200, """
				{"id": "pi_5", "object": "payment_intent", "amount": 5000, "currency": "eur",
				 "status": "requires_payment_method",
				 "last_payment_error": {"type": "card_error", "code": "expired_card",
				   "message": "Your card has expired."}}
				""");

		PaymentResult result = this.stripe.authorize(request(Money.parse("50.00", EUR), "authorize-5"));

		assertThat(result.status()).isEqualTo(PaymentStatus.FAILED);
		assertThat(result.reference()).isEqualTo("pi_5");
		assertThat(result.failureCode()).isEqualTo("expired_card");
		assertThat(result.failureMessage()).isEqualTo("Your card has expired.");
	}

	@Test
	void another_refusal_is_failed_with_stripes_code() {
		answer(400, """
				{"error": {"type": "invalid_request_error", "code": "amount_too_small", "param": "amount",
				  "message": "Amount must be at least €0.50 eur"}}
				""");

		PaymentResult result = this.stripe.authorize(request(Money.parse("0.10", EUR), "authorize-6"));

		assertThat(result.status()).isEqualTo(PaymentStatus.FAILED);
		assertThat(result.reference()).isEqualTo("authorize-6");
		assertThat(result.failureCode()).isEqualTo("amount_too_small");
		assertThat(result.failureMessage()).isEqualTo("Amount must be at least €0.50 eur");
	}

	@Test
	void only_stripe_or_a_base_the_operator_allows_is_accepted() {
		StripeEgress strict = StripeEgress.stripeOnly();
		assertThat(strict.permits("https://api.stripe.com")).isTrue();
		assertThat(strict.permits("https://api.stripe.com/")).isTrue();
		for (String base : List.of("http://api.stripe.com", "https://127.0.0.1", "http://169.254.169.254",
				"http://10.0.0.1", "http://[::1]:8080", "https://stripe.example.com",
				"https://api.stripe.com.evil.test", "https://user@api.stripe.com", "https://api.stripe.com/v1",
				"https://api.stripe.com:8443", "file:/x", "not a url")) {
			assertThat(strict.permits(base)).as(base).isFalse();
		}
		assertThat(LOCAL.permits(base())).isTrue();
		assertThatThrownBy(
				() -> new StripePaymentProvider(SECRET_KEY, WEBHOOK_SECRET, base(), Duration.ofSeconds(1), strict))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void connections_go_to_public_addresses_only_unless_the_operator_named_the_host() throws Exception {
		StripeEgress strict = StripeEgress.stripeOnly();
		for (String address : List.of("127.0.0.1", "169.254.169.254", "10.0.0.1", "172.16.0.1", "192.168.1.1",
				"100.64.0.1", "0.0.0.0", "::1", "::", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "fd00:ec2::254",
				"fe80::1", "64:ff9b::7f00:1", "224.0.0.1", "240.0.0.1")) {
			assertThatThrownBy(() -> strict.resolve(address)).as(address)
				.isInstanceOf(java.net.UnknownHostException.class)
				.hasMessageContaining("not public");
		}
		assertThat(strict.resolve("8.8.8.8")).hasSize(1);
		assertThat(strict.resolve("2606:4700:4700::1111")).hasSize(1);
		assertThat(LOCAL.resolve("127.0.0.1")).hasSize(1);
	}

	@Test
	void redirects_are_not_followed() {
		answer(302, "{}");
		this.answerLocation = base() + "/elsewhere";
		try {
			assertThatThrownBy(() -> this.stripe.authorize(request(Money.parse("50.00", EUR), "authorize-r")))
				.isInstanceOf(PaymentProviderUnavailable.class);
			assertThat(this.requests).extracting(Recorded::path).doesNotContain("/elsewhere");
		}
		finally {
			this.answerLocation = null;
		}
	}

	@Test
	void answers_are_read_up_to_a_cap() {
		answer(200, "{\"id\": \"pi_big\", \"object\": \"payment_intent\", \"description\": \""
				+ "x".repeat(StripeEgress.MAX_ANSWER) + "\"}");

		assertThatThrownBy(() -> this.stripe.authorize(request(Money.parse("50.00", EUR), "authorize-big")))
			.isInstanceOf(PaymentProviderUnavailable.class);
	}

	@Test
	void a_server_error_means_unavailable() {
		answer(500, """
				{"error": {"type": "api_error", "message": "An unknown error occurred"}}
				""");

		assertThatThrownBy(() -> this.stripe.authorize(request(Money.parse("50.00", EUR), "authorize-7")))
			.isInstanceOf(PaymentProviderUnavailable.class)
			.hasMessageContaining("HTTP 500")
			.hasMessageNotContaining(SECRET_KEY);
	}

	@Test
	void rate_limits_and_refused_keys_mean_unavailable_and_never_show_the_key() {
		answer(429, """
				{"error": {"type": "invalid_request_error", "code": "rate_limit",
				  "message": "Too many requests hit the API too quickly."}}
				""");
		assertThatThrownBy(() -> this.stripe.capture("pi_1", Money.parse("50.00", EUR), "capture-8"))
			.isInstanceOf(PaymentProviderUnavailable.class)
			.hasMessageContaining("rate-limiting");

		answer(401, """
				{"error": {"type": "invalid_request_error",
				  "message": "Invalid API Key provided: %s"}}
				""".formatted(SECRET_KEY));
		assertThatThrownBy(() -> this.stripe.refund("pi_1", Money.parse("50.00", EUR), "refund-8"))
			.isInstanceOf(PaymentProviderUnavailable.class)
			.hasMessageContaining("API key")
			.hasMessageNotContaining(SECRET_KEY)
			.hasMessageNotContaining("sk_test");
	}

	@Test
	void a_closed_port_means_unavailable() throws IOException {
		int closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = socket.getLocalPort();
		}
		StripePaymentProvider unreachable = provider("http://127.0.0.1:" + closed, Duration.ofSeconds(2));

		assertThatThrownBy(() -> unreachable.authorize(request(Money.parse("50.00", EUR), "authorize-9")))
			.isInstanceOf(PaymentProviderUnavailable.class)
			.hasMessageContaining("could not be reached")
			.hasMessageNotContaining(SECRET_KEY);
	}

	@Test
	void no_answer_within_the_timeout_means_unavailable() {
		this.answerNever = true;
		StripePaymentProvider impatient = provider(base(), Duration.ofMillis(250));

		assertThatThrownBy(() -> impatient.voidAuthorization("pi_1", "void-10"))
			.isInstanceOf(PaymentProviderUnavailable.class)
			.hasMessageContaining("did not answer in time");
	}

	@Test
	void a_capture_takes_the_given_amount_of_the_authorization() {
		answer(200, """
				{"id": "pi_1", "object": "payment_intent", "amount": 125000, "amount_capturable": 0,
				 "amount_received": 100000, "currency": "eur", "status": "succeeded"}
				""");

		PaymentResult result = this.stripe.capture("pi_1", Money.parse("1000.00", EUR), "capture-1");

		assertThat(result.status()).isEqualTo(PaymentStatus.CAPTURED);
		assertThat(result.reference()).isEqualTo("pi_1");
		assertThat(result.amount()).isEqualTo(Money.parse("1000.00", EUR));
		Recorded sent = onlyRequest();
		assertThat(sent.path()).isEqualTo("/v1/payment_intents/pi_1/capture");
		assertThat(sent.authorization()).isEqualTo("Bearer " + SECRET_KEY);
		assertThat(sent.idempotencyKey()).isEqualTo("capture-1");
		assertThat(sent.form()).containsEntry("amount_to_capture", "100000");
	}

	@Test
	void capturing_a_payment_intent_in_the_wrong_state_is_failed() {
		answer(400, """
				{"error": {"type": "invalid_request_error", "code": "payment_intent_unexpected_state",
				  "message": "This PaymentIntent could not be captured because it has a status of canceled.",
				  "payment_intent": {"id": "pi_1", "object": "payment_intent", "amount": 125000,
				    "currency": "eur", "status": "canceled"}}}
				""");

		PaymentResult result = this.stripe.capture("pi_1", Money.parse("1000.00", EUR), "capture-2");

		assertThat(result.status()).isEqualTo(PaymentStatus.FAILED);
		assertThat(result.reference()).isEqualTo("pi_1");
		assertThat(result.failureCode()).isEqualTo("payment_intent_unexpected_state");
	}

	@Test
	void a_void_cancels_the_payment_intent() {
		answer(200, intent("pi_1", 125000, "eur", "canceled"));

		PaymentResult result = this.stripe.voidAuthorization("pi_1", "void-1");

		assertThat(result.status()).isEqualTo(PaymentStatus.VOIDED);
		assertThat(result.reference()).isEqualTo("pi_1");
		assertThat(result.amount()).isEqualTo(Money.parse("1250.00", EUR));
		Recorded sent = onlyRequest();
		assertThat(sent.method()).isEqualTo("POST");
		assertThat(sent.path()).isEqualTo("/v1/payment_intents/pi_1/cancel");
		assertThat(sent.idempotencyKey()).isEqualTo("void-1");
	}

	@Test
	void a_void_stripe_refuses_is_failed_with_the_amount_when_stripe_names_it() {
		answer(400, """
				{"error": {"type": "invalid_request_error", "code": "payment_intent_unexpected_state",
				  "message": "You cannot cancel this PaymentIntent because it has a status of succeeded.",
				  "payment_intent": {"id": "pi_1", "object": "payment_intent", "amount": 125000,
				    "currency": "eur", "status": "succeeded"}}}
				""");
		PaymentResult refused = this.stripe.voidAuthorization("pi_1", "void-2");
		assertThat(refused.status()).isEqualTo(PaymentStatus.FAILED);
		assertThat(refused.failureCode()).isEqualTo("payment_intent_unexpected_state");
		assertThat(refused.amount()).isEqualTo(Money.parse("1250.00", EUR));

		answer(404, """
				{"error": {"type": "invalid_request_error", "code": "resource_missing", "param": "intent",
				  "message": "No such payment_intent: 'pi_unknown'"}}
				""");
		PaymentResult unknown = this.stripe.voidAuthorization("pi_unknown", "void-3");
		assertThat(unknown.status()).isEqualTo(PaymentStatus.FAILED);
		assertThat(unknown.reference()).isEqualTo("pi_unknown");
		assertThat(unknown.failureCode()).isEqualTo("resource_missing");
		assertThat(unknown.amount()).isNull();
	}

	@Test
	void an_answer_that_cannot_be_read_means_unavailable_not_failed() {
		answer(200, "<html>proxy error</html>");

		assertThatThrownBy(() -> this.stripe.authorize(request(Money.parse("50.00", EUR), "authorize-11")))
			.isInstanceOf(PaymentProviderUnavailable.class);
	}

	@Test
	void a_partial_refund_returns_the_refunds_id() {
		answer(200, """
				{"id": "re_1", "object": "refund", "amount": 2500, "currency": "eur", "status": "succeeded",
				 "payment_intent": "pi_1", "charge": "ch_1"}
				""");

		PaymentResult result = this.stripe.refund("pi_1", Money.parse("25.00", EUR), "refund-1");

		assertThat(result.status()).isEqualTo(PaymentStatus.REFUNDED);
		assertThat(result.reference()).isEqualTo("re_1");
		assertThat(result.amount()).isEqualTo(Money.parse("25.00", EUR));
		Recorded sent = onlyRequest();
		assertThat(sent.path()).isEqualTo("/v1/refunds");
		assertThat(sent.idempotencyKey()).isEqualTo("refund-1");
		assertThat(sent.form()).containsEntry("payment_intent", "pi_1").containsEntry("amount", "2500");
	}

	@Test
	void a_failed_refund_is_failed() {
		answer(200, """
				{"id": "re_2", "object": "refund", "amount": 2500, "currency": "eur", "status": "failed",
				 "failure_reason": "expired_or_canceled_card", "payment_intent": "pi_1"}
				""");

		PaymentResult result = this.stripe.refund("pi_1", Money.parse("25.00", EUR), "refund-2");

		assertThat(result.status()).isEqualTo(PaymentStatus.FAILED);
		assertThat(result.reference()).isEqualTo("re_2");
		assertThat(result.failureCode()).isEqualTo("expired_or_canceled_card");
	}

	@Test
	void yen_are_sent_as_they_are() {
		answer(200, intent("pi_6", 150000, "jpy", "requires_capture"));

		PaymentResult result = this.stripe.authorize(request(Money.ofMinor(150000, JPY), "authorize-jpy"));

		assertThat(onlyRequest().form()).containsEntry("amount", "150000").containsEntry("currency", "jpy");
		assertThat(result.amount()).isEqualTo(Money.parse("150000", JPY));
	}

	@Test
	void three_decimal_amounts_in_tens_are_sent_in_fils() {
		answer(200, intent("pi_7", 12340, "bhd", "requires_capture"));

		PaymentResult result = this.stripe.authorize(request(Money.parse("12.340", BHD), "authorize-bhd"));

		assertThat(onlyRequest().form()).containsEntry("amount", "12340").containsEntry("currency", "bhd");
		assertThat(result.status()).isEqualTo(PaymentStatus.AUTHORIZED);
		assertThat(result.amount()).isEqualTo(Money.parse("12.340", BHD));
	}

	@Test
	void three_decimal_amounts_stripe_cannot_take_are_refused_before_anything_is_sent() {
		PaymentResult result = this.stripe.authorize(request(Money.parse("12.345", BHD), "authorize-bhd-2"));

		assertThat(result.status()).isEqualTo(PaymentStatus.FAILED);
		assertThat(result.failureCode()).isEqualTo("amount_not_chargeable");
		assertThat(result.reference()).isEqualTo("authorize-bhd-2");
		assertThat(result.amount()).isEqualTo(Money.parse("12.345", BHD));
		assertThat(this.stripe.capture("pi_7", Money.parse("12.345", BHD), "capture-bhd").failureCode())
			.isEqualTo("amount_not_chargeable");
		assertThat(this.stripe.refund("pi_7", Money.parse("0.005", BHD), "refund-bhd").failureCode())
			.isEqualTo("amount_not_chargeable");
		assertThat(this.requests).isEmpty();
	}

	@Test
	void kronur_are_sent_with_two_zero_decimals() {
		answer(200, intent("pi_8", 500000, "isk", "requires_capture"));

		PaymentResult result = this.stripe.authorize(request(Money.parse("5000", ISK), "authorize-isk"));

		assertThat(onlyRequest().form()).containsEntry("amount", "500000").containsEntry("currency", "isk");
		assertThat(result.amount()).isEqualTo(Money.parse("5000", ISK));
	}

	@Test
	void a_signed_refund_webhook_is_read_whatever_its_api_version() {
		String payload = """
				{"id": "evt_1", "object": "event", "api_version": "2017-05-25", "type": "charge.refunded",
				 "created": 1700000000, "livemode": false, "pending_webhooks": 1,
				 "data": {"object": {"id": "ch_1", "object": "charge", "amount": 5000, "amount_refunded": 2000,
				   "currency": "eur", "payment_intent": "pi_1", "refunded": false,
				   "a_field_from_the_future": {"nested": [1, 2, 3]}}}}
				""";

		ProviderEvent event = this.stripe.verifyWebhook(payload, Map.of("stripe-signature", sign(payload)));

		assertThat(event).isEqualTo(new ProviderEvent("evt_1", "charge.refunded", "pi_1", PaymentStatus.REFUNDED,
				Money.parse("20.00", EUR)));
	}

	@Test
	void a_signed_payment_webhook_is_mapped() {
		String succeeded = """
				{"id": "evt_2", "object": "event", "type": "payment_intent.succeeded",
				 "data": {"object": {"id": "pi_1", "object": "payment_intent", "amount": 125000,
				   "amount_received": 100000, "currency": "eur", "status": "succeeded"}}}
				""";
		assertThat(this.stripe.verifyWebhook(succeeded, Map.of("stripe-signature", sign(succeeded))))
			.isEqualTo(new ProviderEvent("evt_2", "payment_intent.succeeded", "pi_1", PaymentStatus.CAPTURED,
					Money.parse("1000.00", EUR)));
		String capturable = """
				{"id": "evt_3", "object": "event", "type": "payment_intent.amount_capturable_updated",
				 "data": {"object": {"id": "pi_1", "object": "payment_intent", "amount": 12340,
				   "amount_capturable": 12340, "currency": "bhd", "status": "requires_capture"}}}
				""";
		assertThat(this.stripe.verifyWebhook(capturable, Map.of("stripe-signature", sign(capturable))))
			.isEqualTo(new ProviderEvent("evt_3", "payment_intent.amount_capturable_updated", "pi_1",
					PaymentStatus.AUTHORIZED, Money.parse("12.340", BHD)));
		String canceled = """
				{"id": "evt_4", "object": "event", "type": "payment_intent.canceled",
				 "data": {"object": {"id": "pi_1", "object": "payment_intent", "amount": 500000,
				   "currency": "isk", "status": "canceled"}}}
				""";
		assertThat(this.stripe.verifyWebhook(canceled, Map.of("stripe-signature", sign(canceled))))
			.isEqualTo(new ProviderEvent("evt_4", "payment_intent.canceled", "pi_1", PaymentStatus.VOIDED,
					Money.parse("5000", ISK)));
		String failed = """
				{"id": "evt_5", "object": "event", "type": "payment_intent.payment_failed",
				 "data": {"object": {"id": "pi_9", "object": "payment_intent", "amount": 5000,
				   "currency": "eur", "status": "requires_payment_method"}}}
				""";
		assertThat(this.stripe.verifyWebhook(failed, Map.of("stripe-signature", sign(failed))).status())
			.isEqualTo(PaymentStatus.FAILED);
	}

	@Test
	void other_events_carry_only_their_id_and_type() {
		String payload = """
				{"id": "evt_6", "object": "event", "type": "customer.created",
				 "data": {"object": {"id": "cus_1", "object": "customer"}}}
				""";

		assertThat(this.stripe.verifyWebhook(payload, Map.of("stripe-signature", sign(payload))))
			.isEqualTo(new ProviderEvent("evt_6", "customer.created", null, null, null));
	}

	@Test
	void unsigned_tampered_or_stale_webhooks_are_refused() {
		String payload = """
				{"id": "evt_7", "object": "event", "type": "payment_intent.succeeded",
				 "data": {"object": {"id": "pi_1", "amount_received": 100, "currency": "eur"}}}
				""";
		long now = Instant.now().getEpochSecond();
		String tampered = payload.replace("\"amount_received\": 100", "\"amount_received\": 100000");

		assertThatThrownBy(() -> this.stripe.verifyWebhook(payload, Map.of())).isInstanceOf(InvalidWebhook.class)
			.hasMessageContaining("missing");
		assertThatThrownBy(() -> this.stripe.verifyWebhook(tampered, Map.of("stripe-signature", sign(payload))))
			.isInstanceOf(InvalidWebhook.class);
		assertThatThrownBy(() -> this.stripe.verifyWebhook(payload,
				Map.of("stripe-signature", sign(payload, "whsec_someone_else", now))))
			.isInstanceOf(InvalidWebhook.class);
		assertThatThrownBy(() -> this.stripe.verifyWebhook(payload,
				Map.of("stripe-signature", sign(payload, WEBHOOK_SECRET, now - 301))))
			.isInstanceOf(InvalidWebhook.class);
		assertThatThrownBy(() -> this.stripe.verifyWebhook(payload, Map.of("stripe-signature", "t=abc,v1=00")))
			.isInstanceOf(InvalidWebhook.class);
		assertThat(this.stripe.verifyWebhook(payload, Map.of("stripe-signature", sign(payload, WEBHOOK_SECRET, now))))
			.extracting(ProviderEvent::id)
			.isEqualTo("evt_7");
	}

	@Test
	void a_signed_body_that_is_not_an_event_is_refused() {
		for (String body : List.of("not json", "[1, 2]", "{\"object\": \"v2.core.event\", \"id\": \"evt_8\"}",
				"{\"object\": \"event\"}")) {
			assertThatThrownBy(() -> this.stripe.verifyWebhook(body, Map.of("stripe-signature", sign(body))))
				.isInstanceOf(InvalidWebhook.class)
				.hasMessageContaining("not a Stripe event");
		}
	}

	private static String sign(String payload) {
		return sign(payload, WEBHOOK_SECRET, Instant.now().getEpochSecond());
	}

	/** The {@code Stripe-Signature} header as Stripe computes it. */
	private static String sign(String payload, String secret, long timestamp) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] signature = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
			return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(signature);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Recorded(String method, String path, String authorization, String idempotencyKey, Map<String, String> form) {

	}

}

package com.atelier.infra.orders;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server that answers as Stripe's API documentation describes, for the
 * endpoints the adapter uses: PaymentIntents (create, capture, cancel) and Refunds. It
 * records what it was asked, so tests can compare the amount charged with the order.
 */
final class FakeStripe implements AutoCloseable {

	static final String SECRET_KEY = "sk_test_atelierFakeKey123";

	static final String WEBHOOK_SECRET = "whsec_atelierFakeWebhookSecret";

	/** How the next PaymentIntent creation is answered. */
	enum Mode {

		AUTHORIZE, DECLINE, REQUIRES_ACTION

	}

	private final HttpServer server;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final AtomicInteger ids = new AtomicInteger();

	private volatile Mode mode = Mode.AUTHORIZE;

	private volatile long delayMillis;

	/** On 127.0.0.2, the one address the tests' operator setting allows. */
	FakeStripe() throws IOException {
		this("127.0.0.2");
	}

	/** On another loopback address: a server a brand admin must not reach. */
	FakeStripe(String address) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(address, 0), 0);
		this.server.createContext("/v1/", this::handle);
		this.server.start();
	}

	String url() {
		return "http://" + this.server.getAddress().getAddress().getHostAddress() + ":"
				+ this.server.getAddress().getPort();
	}

	void mode(Mode mode) {
		this.mode = mode;
	}

	/** Answers PaymentIntent creations this much later (a slow provider). */
	void delay(long millis) {
		this.delayMillis = millis;
	}

	List<Request> requests() {
		return this.requests;
	}

	List<Request> requests(String pathPrefix) {
		return this.requests.stream().filter((r) -> r.path().startsWith(pathPrefix)).toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		Map<String, String> form = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			if (!pair.isEmpty()) {
				String[] parts = pair.split("=", 2);
				form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
						(parts.length > 1) ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
			}
		}
		String path = exchange.getRequestURI().getPath();
		this.requests.add(new Request(exchange.getRequestMethod(), path, form,
				exchange.getRequestHeaders().getFirst("Idempotency-Key"),
				exchange.getRequestHeaders().getFirst("Authorization")));
		if (!("Bearer " + SECRET_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
			respond(exchange, 401, "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key\"}}");
			return;
		}
		if (path.equals("/v1/payment_intents")) {
			if (this.delayMillis > 0) {
				try {
					Thread.sleep(this.delayMillis);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			String id = "pi_fake" + this.ids.incrementAndGet();
			long amount = Long.parseLong(form.get("amount"));
			String currency = form.get("currency");
			switch (this.mode) {
				case AUTHORIZE -> respond(exchange, 200, intent(id, amount, currency, "requires_capture"));
				case REQUIRES_ACTION -> respond(exchange, 200, intent(id, amount, currency, "requires_action"));
				case DECLINE -> respond(exchange, 402, """
						{"error": {"type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds",
						  "message": "Your card has insufficient funds.",
						  "payment_intent": %s}}""".formatted(intent(id, amount, currency, "requires_payment_method")));
			}
		}
		else if (path.matches("/v1/payment_intents/[^/]+/capture")) {
			String id = path.split("/")[3];
			long amount = Long.parseLong(form.getOrDefault("amount_to_capture", "0"));
			respond(exchange, 200, intent(id, amount, "eur", "succeeded").replace("\"amount_received\": 0",
					"\"amount_received\": " + amount));
		}
		else if (path.matches("/v1/payment_intents/[^/]+/cancel")) {
			respond(exchange, 200, intent(path.split("/")[3], 0, "eur", "canceled"));
		}
		else if (path.equals("/v1/refunds")) {
			respond(exchange, 200, """
					{"id": "re_fake%d", "object": "refund", "amount": %s, "currency": "eur", "status": "succeeded",
					 "payment_intent": "%s"}""".formatted(this.ids.incrementAndGet(), form.get("amount"),
					form.get("payment_intent")));
		}
		else {
			respond(exchange, 404,
					"{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Unrecognized request URL\"}}");
		}
	}

	private static String intent(String id, long amount, String currency, String status) {
		return """
				{"id": "%s", "object": "payment_intent", "amount": %d, "amount_capturable": %d, "amount_received": 0,
				 "currency": "%s", "status": "%s", "capture_method": "manual", "client_secret": "%s_secret_x",
				 "last_payment_error": null, "livemode": false, "metadata": {}}""".formatted(id, amount, amount,
				currency, status, id);
	}

	private static void respond(HttpExchange exchange, int status, String json) throws IOException {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.getResponseHeaders().set("Request-Id", "req_fake");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/**
	 * A {@code Stripe-Signature} header for a payload, as Stripe computes it.
	 */
	static String sign(String payload, long timestamp) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
			return "t=" + timestamp + ",v1=" + java.util.HexFormat.of().formatHex(digest);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * @param method HTTP method
	 * @param path path
	 * @param form form parameters
	 * @param idempotencyKey the Idempotency-Key header
	 * @param authorization the Authorization header
	 */
	record Request(String method, String path, Map<String, String> form, String idempotencyKey, String authorization) {
	}

}

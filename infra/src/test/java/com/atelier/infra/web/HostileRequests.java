package com.atelier.infra.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import com.atelier.infra.identity.Browser;

/**
 * Generates malformed requests for {@link HostileInputFuzzIT}: each takes a real endpoint
 * of one API family and applies one mutation that no server may accept (broken JSON, a
 * value of the wrong kind in a field the endpoint reads, a control character, a broken
 * encoding, a body over the limit, a bad Host, a bad media type, an unmapped method, a
 * bad token or Idempotency-Key...), plus harmless noise (Accept, Accept-Language, unknown
 * parameters and headers). So every request must be refused, and nothing may change.
 */
final class HostileRequests {

	/** The API families of issue 12's fuzz requirement. */
	enum Family {

		STOREFRONT, GRAPHQL, ADMIN, AUTHORIZATION, SIGN_IN, OPERATOR, WEBHOOK

	}

	/** How an endpoint takes its body. */
	enum Body {

		NONE, JSON, FORM, RAW

	}

	/**
	 * One endpoint as a client would call it validly.
	 *
	 * @param family its API family
	 * @param method its method
	 * @param path path and query
	 * @param host the Host it is served on
	 * @param headers headers a valid call sends (credentials)
	 * @param body how it takes its body
	 * @param template a valid body (JSON or form), or {@code null}
	 * @param methods every method mapped on the path
	 * @param limit the body limit of its route
	 * @param optionalBody whether a JSON {@code null} body counts as no body (valid)
	 */
	record Endpoint(Family family, String method, String path, String host, List<String> headers, Body body,
			@Nullable String template, Set<String> methods, long limit, boolean optionalBody) {
	}

	/**
	 * A generated request.
	 *
	 * @param number its number in the run
	 * @param endpoint the endpoint it was made from
	 * @param mutation what makes it invalid (and the noise added)
	 * @param bytes the request exactly as sent
	 * @param streamed bytes to stream after {@code bytes} in chunks (a body over the
	 * limit), or 0
	 */
	record Request(int number, Endpoint endpoint, String mutation, byte[] bytes, long streamed) {

		String head() {
			String text = new String(this.bytes, StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n\r\n");
			String head = (end >= 0) ? text.substring(0, end) : text;
			return (head.length() > 600) ? head.substring(0, 600) + "..." : head;
		}

	}

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final String[] CONTROL = { "\u0000", "\u0001", "\u0008", "\u001b", "\u007f", "\u0085", "\u009f",
			"\u000b" };

	private static final String[] BAD_QUERY = { "x=%FF", "x=%", "x=%G1", "%C0%80=1", "x=%ED%A0%80", "x=%E2%82",
			"x=a%00b", "x=%01", "x=%C2%85", "%00=1", "x=%7F" };

	private static final String[] BAD_PATH = { "%00", "%01", "%2F", "%5C", "%FF", "%C0%AF", "%2e%2e", "a;b=c", "%1b",
			"%C2%85", "x%0Ay" };

	/**
	 * Content types no request may carry (refused at the edge, whatever the endpoint).
	 */
	private static final String[] BAD_CONTENT_TYPE = { "*/*", "application/*", "application/json; charset=nope",
			"not a type", "application/json; charset=", "/", ";", "application/json; charset=\"utf-8" };

	/** Content types a JSON endpoint cannot read (refused there). */
	private static final String[] FOREIGN_CONTENT_TYPE = { "text/plain", "application/xml", "image/png" };

	private static final String[] BAD_HOST = { "a:b:c", "[::1", "ex ample", ":80", "a..:1:", "[zz]", "host:-1",
			"x:8o" };

	private static final String[] ACCEPT = { "*/*", "application/json", "text/html", "application/xml",
			"application/problem+json", "image/png", "garbage", "application/graphql-response+json", "*/*;q=0",
			"text/*, application/json;q=0.1" };

	private static final String[] ACCEPT_LANGUAGE = { "fr", "*", ";;;", "x-", "en;q=abc", "zz-ZZ-x-private",
			"fr-FR, en;q=0.8, *;q=0.1", "a".repeat(200), "q=1", "-" };

	private final Random random;

	private final List<Endpoint> endpoints;

	HostileRequests(Random random, List<Endpoint> endpoints) {
		this.random = random;
		this.endpoints = endpoints;
	}

	/** Share of the requests per family, in percent. */
	private static final Map<Family, Integer> WEIGHTS = Map.of(Family.STOREFRONT, 24, Family.GRAPHQL, 16, Family.ADMIN,
			26, Family.AUTHORIZATION, 9, Family.SIGN_IN, 8, Family.OPERATOR, 8, Family.WEBHOOK, 9);

	List<Request> generate(int count) {
		List<Request> requests = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			Family family = family();
			List<Endpoint> candidates = this.endpoints.stream().filter((e) -> e.family() == family).toList();
			requests.add(generate(i, pick(candidates)));
		}
		return requests;
	}

	private Family family() {
		int roll = this.random.nextInt(100);
		for (Family family : Family.values()) {
			roll -= WEIGHTS.get(family);
			if (roll < 0) {
				return family;
			}
		}
		return Family.STOREFRONT;
	}

	private Request generate(int number, Endpoint endpoint) {
		Draft draft = new Draft(endpoint);
		List<Function<Draft, String>> mutations = mutations(endpoint);
		String mutation = pick(mutations).apply(draft);
		StringBuilder noise = new StringBuilder();
		int extras = this.random.nextInt(3);
		for (int i = 0; i < extras; i++) {
			noise.append(", ").append(noise(draft));
		}
		return draft.build(number, mutation + noise);
	}

	/** The mutations that make a request of this endpoint invalid, whatever else. */
	private List<Function<Draft, String>> mutations(Endpoint endpoint) {
		List<Function<Draft, String>> all = new ArrayList<>();
		all.add(this::badQuery);
		all.add(this::badPath);
		all.add(this::controlInHeader);
		all.add(this::oversizedHeader);
		all.add(this::badHost);
		all.add(this::badContentType);
		all.add(this::badRequestLine);
		if (endpoint.methods().size() < 5) {
			all.add(this::unmappedMethod);
		}
		if (!"GET".equals(endpoint.method())) {
			all.add(this::lyingLength);
			if (EnumSet.of(Family.STOREFRONT, Family.ADMIN, Family.WEBHOOK).contains(endpoint.family())) {
				// The APIs that take Idempotency-Key.
				all.add(this::badIdempotencyKey);
			}
		}
		switch (endpoint.family()) {
			case STOREFRONT, GRAPHQL, AUTHORIZATION, SIGN_IN -> all.add(this::unknownTenant);
			case ADMIN -> all.add(this::junkToken);
			case OPERATOR -> {
				all.add(this::brandHost);
				all.add(this::junkToken);
			}
			case WEBHOOK -> all.add(this::unknownTenant);
		}
		if (endpoint.family() == Family.STOREFRONT || endpoint.family() == Family.WEBHOOK) {
			all.add(this::junkBearer);
		}
		if (endpoint.body() == Body.JSON && endpoint.template() != null) {
			// Body mutations are the most interesting: weigh them up.
			for (int i = 0; i < 3; i++) {
				all.add(this::wrongKindInField);
				all.add(this::controlInField);
			}
			all.add(this::truncatedJson);
			all.add(this::trailingJunk);
			all.add(this::wrongTopLevel);
			all.add(this::deepNesting);
			all.add(this::numberBomb);
			all.add(this::garbageBody);
			if (this.random.nextInt(20) == 0) {
				all.add(this::chunkedOverLimit);
			}
		}
		if (endpoint.family() == Family.GRAPHQL) {
			for (int i = 0; i < 4; i++) {
				all.add(this::badGraphQlDocument);
			}
		}
		if (endpoint.body() == Body.FORM) {
			all.add(this::controlInForm);
			all.add(this::badFormEncoding);
		}
		if (endpoint.body() == Body.RAW) {
			all.add(this::garbageBody);
			all.add(this::lyingLength);
		}
		return all;
	}

	// ---- mutations: each returns its description

	private String badQuery(Draft d) {
		String bad = pick(BAD_QUERY);
		d.path = d.path + (d.path.contains("?") ? "&" : "?") + bad;
		return "query " + bad;
	}

	private String badPath(Draft d) {
		String bad = pick(BAD_PATH);
		int query = d.path.indexOf('?');
		String path = (query >= 0) ? d.path.substring(0, query) : d.path;
		String rest = (query >= 0) ? d.path.substring(query) : "";
		d.path = path + (this.random.nextBoolean() ? "/" + bad : bad) + rest;
		if (bad.equals("%2e%2e") || bad.equals("a;b=c")) {
			d.path = path + "/" + bad + "/x" + rest;
		}
		return "path " + bad;
	}

	private String controlInHeader(Draft d) {
		String bad = pick(CONTROL);
		String name = pick(new String[] { "X-Atelier-Market", "Accept-Language", "User-Agent", "X-Fuzz",
				"If-None-Match", "Stripe-Signature" });
		d.headers.add(name + ": a" + bad + "b");
		return "control U+" + hex(bad) + " in " + name;
	}

	private String oversizedHeader(Draft d) {
		d.headers.add("X-Fuzz: " + "h".repeat(17_000 + this.random.nextInt(4_000)));
		return "header over 16 KiB";
	}

	private String badHost(Draft d) {
		String bad = pick(BAD_HOST);
		if (this.random.nextInt(4) == 0) {
			d.headers.add("Host: " + d.host);
			return "two Host headers";
		}
		d.host = bad;
		return "Host " + bad;
	}

	private String badContentType(Draft d) {
		String bad = (d.endpoint.body() == Body.JSON && this.random.nextInt(3) == 0) ? pick(FOREIGN_CONTENT_TYPE)
				: pick(BAD_CONTENT_TYPE);
		d.contentType = bad;
		if (d.body == null) {
			d.body = "{}".getBytes(StandardCharsets.UTF_8);
		}
		return "Content-Type " + bad;
	}

	private String badRequestLine(Draft d) {
		String[] forms = { "G(T", "GET /x#frag", "space in path", "FOO", "CONNECT", "TRACE", "HTTP/1.2", "HTTP/2.0",
				"HTTP/0.9" };
		String form = pick(forms);
		switch (form) {
			case "G(T" -> d.method = "G(T";
			case "GET /x#frag" -> d.path = d.path + "#frag";
			case "space in path" -> d.path = d.path.replaceFirst("/", "/a b/");
			case "HTTP/1.2", "HTTP/2.0", "HTTP/0.9" -> d.version = form;
			default -> d.method = form;
		}
		return "request line " + form;
	}

	private String unmappedMethod(Draft d) {
		List<String> candidates = new ArrayList<>(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
		candidates.removeAll(d.endpoint.methods());
		d.method = pick(candidates.toArray(String[]::new));
		return "method " + d.method;
	}

	private String badIdempotencyKey(Draft d) {
		String[] keys = { "a b", "k".repeat(300), "\u00e9t\u00e9", "" };
		String key = pick(keys);
		d.headers.add("Idempotency-Key: " + key);
		return "Idempotency-Key '" + ((key.length() > 20) ? key.substring(0, 20) + "..." : key) + "'";
	}

	private String lyingLength(Draft d) {
		d.declaredLength = d.endpoint.limit() + 1 + this.random.nextInt(1_000_000);
		if (d.body == null) {
			d.body = "{}".getBytes(StandardCharsets.UTF_8);
		}
		return "Content-Length " + d.declaredLength + " over the limit";
	}

	private String chunkedOverLimit(Draft d) {
		d.chunked = true;
		d.streamed = d.endpoint.limit() + 1 + this.random.nextInt(64 * 1024);
		return "chunked body of " + d.streamed + " bytes";
	}

	private String unknownTenant(Draft d) {
		d.host = "nobody-" + Integer.toHexString(this.random.nextInt()) + ".localhost";
		return "unknown tenant host";
	}

	private String brandHost(Draft d) {
		d.host = d.endpoint.headers().isEmpty() ? "shop.example" : "brand.example";
		return "operator API on a brand host";
	}

	private String junkToken(Draft d) {
		d.headers.removeIf((h) -> h.startsWith("Authorization:"));
		String[] tokens = { "Bearer x", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "Bearer atl_op_forged",
				"Basic Zm9vOmJhcg==", "Bearer " + "t".repeat(5000), "Bearer a.b.c", "Negotiate x" };
		String token = pick(tokens);
		d.headers.add("Authorization: " + token);
		return "Authorization " + ((token.length() > 30) ? token.substring(0, 30) + "..." : token);
	}

	/** A bearer token that is not one: refused even where no token is needed. */
	private String junkBearer(Draft d) {
		String token = pick(new String[] { "x", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "a.b.c", "t".repeat(5000) });
		d.headers.add("Authorization: Bearer " + token);
		return "Authorization Bearer " + abbreviate(token);
	}

	private String wrongKindInField(Draft d) {
		JsonNode root = Browser.JSON.readTree(d.endpoint.template());
		List<Slot> slots = slots(root);
		Slot slot = slots.get(this.random.nextInt(slots.size()));
		JsonNode original = slot.get();
		JsonNode replacement;
		if (original.isString()) {
			replacement = pick(
					new JsonNode[] { NODES.objectNode().put("x", 1), NODES.arrayNode().add(1), NODES.arrayNode() });
		}
		else if (original.isIntegralNumber()) {
			replacement = pick(new JsonNode[] { NODES.numberNode(1.5), NODES.numberNode(-0.25),
					NODES.numberNode(new java.math.BigInteger("99999999999999999999999")), NODES.objectNode(),
					NODES.numberNode(1e300) });
		}
		else if (original.isBoolean()) {
			replacement = pick(new JsonNode[] { NODES.objectNode(), NODES.arrayNode().add(true) });
		}
		else if (original.isArray()) {
			ArrayNode withNull = NODES.arrayNode();
			withNull.addNull();
			ArrayNode nullAfter = (ArrayNode) original.deepCopy();
			nullAfter.addNull();
			replacement = pick(new JsonNode[] { NODES.objectNode(), NODES.stringNode("x"), withNull, nullAfter });
		}
		else {
			replacement = pick(new JsonNode[] { NODES.arrayNode(), NODES.arrayNode().add(1), NODES.booleanNode(true) });
		}
		slot.set(replacement);
		d.body = Browser.JSON.writeValueAsBytes(root);
		return slot.path + " = " + abbreviate(replacement.toString());
	}

	private String controlInField(Draft d) {
		JsonNode root = Browser.JSON.readTree(d.endpoint.template());
		List<Slot> strings = slots(root).stream().filter((s) -> s.get().isString()).toList();
		String bad = pick(CONTROL);
		if (strings.isEmpty() || this.random.nextInt(5) == 0) {
			// A member name of a free-form map, when there is one, else a string value.
			List<Slot> maps = slots(root).stream()
				.filter((s) -> s.get().isObject() && s.path.matches(".*(rates|attributes|translations|variables)"))
				.toList();
			if (!maps.isEmpty()) {
				Slot map = maps.get(0);
				((ObjectNode) map.get()).put("k" + bad, "v");
				d.body = Browser.JSON.writeValueAsBytes(root);
				return "control U+" + hex(bad) + " in a member name of " + map.path;
			}
		}
		if (strings.isEmpty()) {
			return wrongKindInField(d);
		}
		Slot slot = strings.get(this.random.nextInt(strings.size()));
		String value = slot.get().asString();
		int at = this.random.nextInt(value.length() + 1);
		slot.set(NODES.stringNode(value.substring(0, at) + bad + value.substring(at)));
		d.body = Browser.JSON.writeValueAsBytes(root);
		return "control U+" + hex(bad) + " in " + slot.path;
	}

	private String truncatedJson(Draft d) {
		String template = d.endpoint.template();
		// Never empty: no body at all is valid where the body is optional.
		d.body = template.substring(0, 1 + this.random.nextInt(template.length() - 2)).getBytes(StandardCharsets.UTF_8);
		return "JSON cut at " + d.body.length;
	}

	private String trailingJunk(Draft d) {
		String junk = pick(new String[] { " x", "}", ",", " {}", " null", "]", "\u0000" });
		d.body = (d.endpoint.template() + junk).getBytes(StandardCharsets.UTF_8);
		return "trailing " + abbreviate(junk);
	}

	private String wrongTopLevel(Draft d) {
		List<String> kinds = new ArrayList<>(List.of("[]", "\"x\"", "42", "true", "[null]", "[{}]", "1.5"));
		if (!d.endpoint.optionalBody()) {
			kinds.add("null");
		}
		String kind = pick(kinds.toArray(String[]::new));
		d.body = kind.getBytes(StandardCharsets.UTF_8);
		return "body " + kind;
	}

	private String deepNesting(Draft d) {
		// Over Jackson's nesting limit (StreamReadConstraints: 500 by default, 1000 at
		// most).
		int depth = 1_100 + this.random.nextInt(4_000);
		String nested = "[".repeat(depth) + "]".repeat(depth);
		String template = d.endpoint.template();
		d.body = ("{\"deep\":" + nested + "," + template.substring(1)).getBytes(StandardCharsets.UTF_8);
		return "nesting " + depth;
	}

	private String numberBomb(Draft d) {
		JsonNode root = Browser.JSON.readTree(d.endpoint.template());
		// Only where a number is read: a string field would take the digits as text.
		List<Slot> slots = slots(root).stream().filter((s) -> s.get().isNumber()).toList();
		if (slots.isEmpty()) {
			return deepNesting(d);
		}
		Slot slot = slots.get(this.random.nextInt(slots.size()));
		String digits = "9".repeat(1_100 + this.random.nextInt(2_000));
		String marker = "\"__bomb__\"";
		slot.set(NODES.stringNode("__bomb__"));
		String json = Browser.JSON.writeValueAsString(root).replace(marker, digits + "e999999999");
		d.body = json.getBytes(StandardCharsets.UTF_8);
		return "number of " + digits.length() + " digits in " + slot.path;
	}

	private String garbageBody(Draft d) {
		ByteArrayOutputStream garbage = new ByteArrayOutputStream();
		garbage.write('{');
		int length = 1 + this.random.nextInt(300);
		for (int i = 0; i < length; i++) {
			int b = this.random.nextInt(256);
			garbage.write((b == '}') ? '{' : b);
		}
		d.body = garbage.toByteArray();
		return "garbage body of " + length + " bytes";
	}

	/**
	 * A well-formed GraphQL-over-HTTP request whose document cannot run: a syntax error,
	 * an unknown field or argument, too deep, too costly, a bad variable, a control
	 * character in a string literal, an unknown operation.
	 */
	private String badGraphQlDocument(Draft d) {
		String[] documents = { "{ products(", "{ nope }", "{ products(first: 5, nope: 1) { items { handle } } }",
				"{ brand { name " + "{ x ".repeat(20) + "} }",
				"{ collections(first: 100) { items { products(first: 100) { items { handle title } } } } }",
				"{ product(handle: \"a\\u0000b\") { title } }", "{ products(first: \"x\") { next } }",
				"{ products(first: 1000000) { next } }", "query A { brand { name } } query B { markets { handle } }",
				"{ __schema { types { fields { type { fields { type { fields { type { name } } } } } } } } }",
				"{ product(handle: \"" + "h".repeat(5000) + "\") { title } }", "subscription { brand { name } }",
				"mutation { brand { name } }", "{ products(market: \"\\u0085\") { next } }", "#", "{}", "" };
		String document = pick(documents);
		String variables = pick(
				new String[] { "{}", "{\"f\":\"x\"}", "{\"f\":1.5}", "{\"m\":{}}", "{\"f\":99999999999999}" });
		String operation = pick(new String[] { "null", "\"Nope\"" });
		d.body = ("{\"query\":\"" + document + "\",\"variables\":" + variables + ",\"operationName\":" + operation
				+ "}")
			.getBytes(StandardCharsets.UTF_8);
		return "GraphQL document " + abbreviate(document) + " variables " + variables + " operation " + operation;
	}

	private String controlInForm(Draft d) {
		String bad = pick(new String[] { "%00", "%01", "%1B", "%7F", "%C2%85" });
		String form = d.endpoint.template();
		String[] pairs = form.split("&");
		int at = this.random.nextInt(pairs.length);
		pairs[at] = pairs[at] + bad;
		d.body = String.join("&", pairs).getBytes(StandardCharsets.ISO_8859_1);
		return "form control " + bad;
	}

	private String badFormEncoding(Draft d) {
		String bad = pick(new String[] { "%FF", "%", "%G1", "%C0%80", "%ED%A0%80" });
		d.body = (d.endpoint.template() + "&x=" + bad).getBytes(StandardCharsets.ISO_8859_1);
		return "form encoding " + bad;
	}

	// ---- noise: never turns a refused request into an accepted one

	private String noise(Draft d) {
		switch (this.random.nextInt(7)) {
			case 0 -> {
				String accept = pick(ACCEPT);
				d.headers.add("Accept: " + accept);
				return "Accept " + accept;
			}
			case 1 -> {
				String language = pick(ACCEPT_LANGUAGE);
				d.headers.add("Accept-Language: " + language);
				return "Accept-Language " + abbreviate(language);
			}
			case 2 -> {
				d.path = d.path + (d.path.contains("?") ? "&" : "?") + "utm_" + this.random.nextInt(100) + "=x";
				return "unknown parameter";
			}
			case 3 -> {
				d.headers.add("Cookie: SESSION=" + pick(new String[] { "junk", "%%%", "YWJj", "=" }));
				return "junk session cookie";
			}
			case 4 -> {
				d.headers.add("If-None-Match: " + pick(new String[] { "\"x\"", "*", "W/", "junk" }));
				return "If-None-Match";
			}
			case 5 -> {
				d.headers.add("X-Atelier-Market: " + pick(new String[] { "jp", "nope", "" }));
				return "X-Atelier-Market";
			}
			default -> {
				d.headers.add("X-Forwarded-Host: evil.example");
				return "X-Forwarded-Host";
			}
		}
	}

	// ---- helpers

	private <T> T pick(T[] choices) {
		return choices[this.random.nextInt(choices.length)];
	}

	private <T> T pick(List<T> choices) {
		return choices.get(this.random.nextInt(choices.size()));
	}

	private static String hex(String c) {
		return String.format("%04X", (int) c.charAt(0));
	}

	private static String abbreviate(String text) {
		return (text.length() > 40) ? text.substring(0, 40) + "..." : text;
	}

	/** Every value in a JSON tree, with a way to replace it. */
	private static List<Slot> slots(JsonNode root) {
		List<Slot> slots = new ArrayList<>();
		collect(root, "", slots);
		return slots;
	}

	private static void collect(JsonNode node, String path, List<Slot> slots) {
		if (node instanceof ObjectNode object) {
			for (Map.Entry<String, JsonNode> member : object.properties()) {
				String child = path.isEmpty() ? member.getKey() : path + "." + member.getKey();
				slots.add(new Slot(object, member.getKey(), -1, child));
				collect(member.getValue(), child, slots);
			}
		}
		else if (node instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				String child = path + "[" + i + "]";
				slots.add(new Slot(array, null, i, child));
				collect(array.get(i), child, slots);
			}
		}
	}

	/** A value inside its container. */
	private record Slot(JsonNode container, @Nullable String name, int index, String path) {

		JsonNode get() {
			return (this.name != null) ? this.container.get(this.name) : this.container.get(this.index);
		}

		void set(JsonNode value) {
			if (this.name != null) {
				((ObjectNode) this.container).set(this.name, value);
			}
			else {
				((ArrayNode) this.container).set(this.index, value);
			}
		}

	}

	/** A request being built. */
	private static final class Draft {

		final Endpoint endpoint;

		String method;

		String path;

		String host;

		String version = "HTTP/1.1";

		final List<String> headers;

		byte @Nullable [] body;

		@Nullable String contentType;

		long declaredLength = -1;

		boolean chunked;

		long streamed;

		Draft(Endpoint endpoint) {
			this.endpoint = endpoint;
			this.method = endpoint.method();
			this.path = endpoint.path();
			this.host = endpoint.host();
			this.headers = new ArrayList<>(endpoint.headers());
			if (endpoint.template() != null) {
				this.body = endpoint.template().getBytes(StandardCharsets.UTF_8);
				this.contentType = (endpoint.body() == Body.FORM) ? "application/x-www-form-urlencoded"
						: "application/json";
			}
		}

		Request build(int number, String mutation) {
			StringBuilder head = new StringBuilder();
			head.append(this.method).append(' ').append(this.path).append(' ').append(this.version).append("\r\n");
			head.append("Host: ").append(this.host).append("\r\n");
			for (String header : this.headers) {
				head.append(header).append("\r\n");
			}
			if (this.contentType != null) {
				head.append("Content-Type: ").append(this.contentType).append("\r\n");
			}
			byte[] content = (this.body != null) ? this.body : new byte[0];
			if (this.chunked) {
				head.append("Transfer-Encoding: chunked\r\n");
			}
			else if (this.declaredLength >= 0) {
				head.append("Content-Length: ").append(this.declaredLength).append("\r\n");
			}
			else if (this.body != null || !"GET".equals(this.method)) {
				head.append("Content-Length: ").append(content.length).append("\r\n");
			}
			head.append("Connection: close\r\n\r\n");
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			// Header values are ISO-8859-1 on the wire: U+0085 is the byte 0x85.
			bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
			if (!this.chunked) {
				bytes.writeBytes(content);
			}
			return new Request(number, this.endpoint, mutation, bytes.toByteArray(), this.chunked ? this.streamed : 0);
		}

	}

}

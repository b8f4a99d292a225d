package com.atelier.infra.identity;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser for one brand host: keeps cookies, never follows redirects, sends the brand's
 * Host header to the server on 127.0.0.1. Knows the authorization code flow with PKCE.
 */
public final class Browser {

	static final String REDIRECT_URI = "http://127.0.0.1:9/callback";

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private static final SecureRandom RANDOM = new SecureRandom();

	private final HttpClient http;

	private int port;

	private String host;

	private final CookieManager cookies;

	public Browser(int port, String host) {
		this(port, host, new CookieManager(null, CookiePolicy.ACCEPT_ALL));
	}

	private Browser(int port, String host, CookieManager cookies) {
		this.port = port;
		this.host = host;
		this.cookies = cookies;
		this.http = HttpClient.newBuilder()
			.cookieHandler(cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	/**
	 * Another tab of this browser: the same cookies, its own connections (so its requests
	 * may run on the server while one of this tab's is still finishing).
	 */
	Browser tab() {
		return new Browser(this.port, this.host, this.cookies);
	}

	/**
	 * Talks to another host from now on, keeping its cookies (cookies are kept per IP).
	 */
	Browser on(String otherHost) {
		this.host = otherHost;
		return this;
	}

	/**
	 * Talks to another node from now on, keeping its cookies (cookies ignore the port).
	 */
	public Browser node(int otherPort) {
		this.port = otherPort;
		return this;
	}

	public HttpResponse<String> get(String pathAndQuery, String... headers) {
		return send(HttpRequest.newBuilder(uri(pathAndQuery)).headers(withHost(headers)).GET().build());
	}

	/** A GET whose body is kept as bytes, to check its encoding. */
	public HttpResponse<byte[]> getBytes(String pathAndQuery, String... headers) {
		try {
			return this.http.send(HttpRequest.newBuilder(uri(pathAndQuery)).headers(withHost(headers)).GET().build(),
					HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public HttpResponse<String> postForm(String path, Map<String, String> form, String... headers) {
		return send(HttpRequest.newBuilder(uri(path))
			.headers(withHost(headers))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(form)))
			.build());
	}

	/** A form POST of an already encoded body (to repeat a field). */
	public HttpResponse<String> postRaw(String path, String encodedForm, String... headers) {
		return send(HttpRequest.newBuilder(uri(path))
			.headers(withHost(headers))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(encodedForm))
			.build());
	}

	public HttpResponse<String> json(String method, String path, String body, String... headers) {
		return send(HttpRequest.newBuilder(uri(path))
			.headers(withHost(headers))
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	public HttpResponse<String> bearer(String method, String path, String token) {
		return send(HttpRequest.newBuilder(uri(path))
			.headers(withHost("Authorization", "Bearer " + token))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build());
	}

	/**
	 * Runs the authorization request, signs in on the page it leads to, and returns where
	 * the server finally redirects the browser (the client's redirect URI, with a code or
	 * an error).
	 */
	URI authorize(String clientId, Pkce pkce, String email, String password) {
		return authorize(clientId, defaultScope(clientId), pkce, email, password);
	}

	/** As {@link #authorize(String, Pkce, String, String)}, asking for these scopes. */
	URI authorize(String clientId, String scope, Pkce pkce, String email, String password) {
		HttpResponse<String> authorize = get("/oauth2/authorize?" + authorizeQuery(clientId, scope, pkce), "Accept",
				"text/html");
		assertThat(authorize.statusCode()).as(authorize.body()).isEqualTo(302);
		URI location = location(authorize);
		if (location.getPath().startsWith("/login/")) {
			HttpResponse<String> page = get(location.getPath());
			assertThat(page.statusCode()).isEqualTo(200);
			HttpResponse<String> signIn = postForm(location.getPath(),
					Map.of("username", email, "password", password, "_csrf", csrf(page.body())));
			assertThat(signIn.statusCode()).isEqualTo(302);
			URI next = location(signIn);
			if (next.getPath().startsWith("/login/")) {
				return next;
			}
			HttpResponse<String> resumed = get(next.getRawPath() + "?" + next.getRawQuery(), "Accept", "text/html");
			assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(302);
			return location(resumed);
		}
		return location;
	}

	/** The authorization code from a successful flow. */
	String code(String clientId, Pkce pkce, String email, String password) {
		return code(clientId, defaultScope(clientId), pkce, email, password);
	}

	String code(String clientId, String scope, Pkce pkce, String email, String password) {
		URI callback = authorize(clientId, scope, pkce, email, password);
		assertThat(callback.toString()).as("redirect").startsWith(REDIRECT_URI);
		Map<String, String> query = query(callback);
		assertThat(query).containsEntry("state", "st");
		return query.get("code");
	}

	HttpResponse<String> exchange(String clientId, String code, String verifier) {
		return postForm("/oauth2/token", Map.of("grant_type", "authorization_code", "code", code, "redirect_uri",
				REDIRECT_URI, "client_id", clientId, "code_verifier", verifier));
	}

	HttpResponse<String> refresh(String clientId, String refreshToken) {
		return postForm("/oauth2/token",
				Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", clientId));
	}

	/** Signs in through the whole flow and returns the token response. */
	public JsonNode tokens(String clientId, String email, String password) {
		return tokens(clientId, defaultScope(clientId), email, password);
	}

	/** Signs in through the whole flow, asking for these scopes; returns the tokens. */
	public JsonNode tokens(String clientId, String scope, String email, String password) {
		Pkce pkce = Pkce.create();
		HttpResponse<String> response = exchange(clientId, code(clientId, scope, pkce, email, password),
				pkce.verifier());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	/**
	 * What a client asks for unless a test says otherwise: the admin console asks for
	 * every permission (a staff token then holds what the member's role allows), the
	 * storefront for {@code openid}.
	 */
	static String defaultScope(String clientId) {
		if ("admin-console".equals(clientId)) {
			return "openid " + java.util.Arrays.stream(com.atelier.platform.identity.Permission.values())
				.map(com.atelier.platform.identity.Permission::scope)
				.collect(Collectors.joining(" "));
		}
		return "openid";
	}

	static String authorizeQuery(String clientId, Pkce pkce) {
		return authorizeQuery(clientId, defaultScope(clientId), pkce);
	}

	static String authorizeQuery(String clientId, String scope, Pkce pkce) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("response_type", "code");
		query.put("client_id", clientId);
		query.put("redirect_uri", REDIRECT_URI);
		query.put("scope", scope);
		query.put("state", "st");
		if (pkce != null) {
			query.put("code_challenge", pkce.challenge());
			query.put("code_challenge_method", pkce.method());
		}
		return form(query);
	}

	static String csrf(String html) {
		Matcher matcher = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
		assertThat(matcher.find()).as("a CSRF field in the page").isTrue();
		return matcher.group(1);
	}

	static URI location(HttpResponse<String> response) {
		String location = response.headers().firstValue("Location").orElseThrow();
		return URI.create(location);
	}

	static Map<String, String> query(URI uri) {
		Map<String, String> query = new LinkedHashMap<>();
		if (uri.getRawQuery() != null) {
			for (String pair : uri.getRawQuery().split("&")) {
				String[] parts = pair.split("=", 2);
				query.put(parts[0],
						(parts.length > 1) ? java.net.URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
			}
		}
		return query;
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private URI uri(String pathAndQuery) {
		return URI.create("http://127.0.0.1:" + this.port + pathAndQuery);
	}

	private String[] withHost(String... headers) {
		String[] all = new String[headers.length + 2];
		all[0] = "Host";
		// As a browser sends it: with the port.
		all[1] = this.host + ":" + this.port;
		System.arraycopy(headers, 0, all, 2, headers.length);
		return all;
	}

	private static String form(Map<String, String> values) {
		return values.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	/**
	 * @param verifier the code verifier
	 * @param challenge its challenge
	 * @param method S256 or plain
	 */
	record Pkce(String verifier, String challenge, String method) {

		static Pkce create() {
			byte[] bytes = new byte[48];
			RANDOM.nextBytes(bytes);
			String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
			try {
				byte[] digest = MessageDigest.getInstance("SHA-256")
					.digest(verifier.getBytes(StandardCharsets.US_ASCII));
				return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest), "S256");
			}
			catch (java.security.NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

		Pkce plain() {
			return new Pkce(this.verifier, this.verifier, "plain");
		}

	}

}

package com.atelier.platform.payments.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.stripe.exception.ApiConnectionException;
import com.stripe.net.HttpClient;
import com.stripe.net.HttpHeaders;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * Where the Stripe adapter may connect (ADR 30): Stripe's own API, or a base an operator
 * listed ({@code atelier.payments.stripe.allowed-api-bases}); never a host a brand admin
 * chose. The check is made twice: on the configured base when a brand saves it, and on
 * the addresses a connection actually goes to: a host the operator did not name must
 * resolve to public addresses only (no loopback, link-local and metadata, private,
 * carrier-grade NAT, unique-local, multicast or reserved ranges), and the connection is
 * made to exactly those addresses. Redirects are not followed and an answer is read up to
 * {@value #MAX_ANSWER} bytes.
 */
public final class StripeEgress {

	/** Stripe's API. */
	public static final String STRIPE_API = "https://api.stripe.com";

	/** The longest answer read from the provider. */
	static final int MAX_ANSWER = 1024 * 1024;

	private final List<Base> allowed = new ArrayList<>();

	private final CloseableHttpClient http;

	/**
	 * @param operatorAllowed bases an operator allows besides Stripe's:
	 * {@code scheme://host[:port]}, port {@code *} for any
	 */
	public StripeEgress(List<String> operatorAllowed) {
		this.allowed.add(new Base("https", "api.stripe.com", 443));
		for (String entry : operatorAllowed) {
			if (!entry.isBlank()) {
				this.allowed.add(Base.parse(entry.strip()));
			}
		}
		DnsResolver resolver = new GuardedResolver();
		this.http = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDnsResolver(resolver)
				.setMaxConnTotal(200)
				.setMaxConnPerRoute(20)
				.setDefaultConnectionConfig(ConnectionConfig.custom()
					.setConnectTimeout(Timeout.ofSeconds(10))
					.setTimeToLive(org.apache.hc.core5.util.TimeValue.ofMinutes(5))
					.build())
				.build())
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableAuthCaching()
			.build();
	}

	/** Stripe's own API only (no operator setting). */
	public static StripeEgress stripeOnly() {
		return new StripeEgress(List.of());
	}

	/**
	 * Whether a brand may point its Stripe adapter at this base.
	 * @param base a base URL
	 * @return true for Stripe's API and the operator's bases
	 */
	public boolean permits(String base) {
		Base parsed;
		try {
			parsed = Base.of(base);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return this.allowed.stream().anyMatch((a) -> a.admits(parsed));
	}

	/** The HTTP client the Stripe library uses, with this policy. */
	HttpClient stripeClient(Duration timeout) {
		return new Client(this.http, Timeout.ofMilliseconds(Math.max(1, timeout.toMillis())));
	}

	/** Resolves a host as a connection would (tests). */
	InetAddress[] resolve(String host) throws UnknownHostException {
		return new GuardedResolver().resolve(host);
	}

	private boolean operatorNamed(String host) {
		// Stripe's own host is held to public addresses like any other.
		return this.allowed.stream().skip(1).anyMatch((a) -> a.host().equalsIgnoreCase(host));
	}

	/**
	 * Whether an address is on the public internet: not loopback, unspecified, link-local
	 * (metadata services at 169.254.169.254 and fd00:ec2::254 included), private (10/8,
	 * 172.16/12, 192.168/16), carrier-grade NAT (100.64/10), unique-local (fc00::/7),
	 * site-local, multicast, or reserved (0/8, 192.0.0/24, 198.18/15, 240/4,
	 * documentation ranges).
	 * @param address an address
	 * @return whether connecting to it leaves the machine's networks
	 */
	static boolean isPublic(InetAddress address) {
		if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()) {
			return false;
		}
		byte[] b = address.getAddress();
		if (address instanceof Inet4Address) {
			int first = b[0] & 0xff;
			int second = b[1] & 0xff;
			return !(first == 0 || first >= 240 || (first == 100 && second >= 64 && second < 128)
					|| (first == 192 && second == 0 && (b[2] & 0xff) == 0)
					|| (first == 192 && second == 0 && (b[2] & 0xff) == 2) || (first == 198 && (second & 0xfe) == 18)
					|| (first == 198 && second == 51 && (b[2] & 0xff) == 100)
					|| (first == 203 && second == 0 && (b[2] & 0xff) == 113));
		}
		if (address instanceof Inet6Address) {
			int first = b[0] & 0xff;
			if ((first & 0xfe) == 0xfc) {
				return false;
			}
			if (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
				return false;
			}
			// IPv4 embedded (::a.b.c.d, 64:ff9b::a.b.c.d): judged by the IPv4 address.
			boolean compatible = true;
			for (int i = 0; i < 12; i++) {
				compatible &= b[i] == 0;
			}
			boolean nat64 = first == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
			if (compatible || nat64) {
				try {
					return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
				}
				catch (UnknownHostException ex) {
					return false;
				}
			}
			return true;
		}
		return false;
	}

	/**
	 * Resolves a host, and refuses it unless every address is public or the operator
	 * named it.
	 */
	private final class GuardedResolver implements DnsResolver {

		@Override
		public InetAddress[] resolve(String host) throws UnknownHostException {
			InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
			if (!operatorNamed(host)) {
				for (InetAddress address : addresses) {
					if (!isPublic(address)) {
						throw new UnknownHostException("refused: " + abbreviate(host)
								+ " resolves to an address that is not public (" + address.getHostAddress() + ")");
					}
				}
			}
			return addresses;
		}

		@Override
		public String resolveCanonicalHostname(String host) throws UnknownHostException {
			return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
		}

	}

	private static String abbreviate(String text) {
		return (text.length() <= 60) ? text : text.substring(0, 60) + "...";
	}

	/**
	 * The Stripe library's HTTP calls over the guarded client: headers and body as the
	 * library's own client sends them, the answer read up to {@link #MAX_ANSWER} bytes.
	 */
	private static final class Client extends HttpClient {

		private final CloseableHttpClient http;

		private final RequestConfig config;

		Client(CloseableHttpClient http, Timeout timeout) {
			this.http = http;
			this.config = RequestConfig.custom()
				.setConnectionRequestTimeout(timeout)
				.setConnectTimeout(timeout)
				.setResponseTimeout(timeout)
				.setRedirectsEnabled(false)
				.build();
		}

		@Override
		public StripeResponse request(StripeRequest request) throws ApiConnectionException {
			HttpUriRequestBase call;
			try {
				call = new HttpUriRequestBase(request.method().name(), request.url().toURI());
			}
			catch (URISyntaxException ex) {
				throw new ApiConnectionException("The Stripe API address is not a URI", ex);
			}
			call.setConfig(this.config);
			for (Map.Entry<String, List<String>> header : request.headers().map().entrySet()) {
				for (String value : header.getValue()) {
					call.addHeader(header.getKey(), value);
				}
			}
			call.setHeader("User-Agent", buildUserAgentString(request));
			call.setHeader("X-Stripe-Client-User-Agent", buildXStripeClientUserAgentString());
			if (request.content() != null) {
				call.setEntity(new ByteArrayEntity(request.content().byteArrayContent(),
						ContentType.parse(request.content().contentType())));
			}
			try {
				return this.http.execute(call, (ClassicHttpResponse response) -> {
					Map<String, List<String>> headers = new LinkedHashMap<>();
					for (Header header : response.getHeaders()) {
						headers.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), (k) -> new ArrayList<>())
							.add(header.getValue());
					}
					return new StripeResponse(response.getCode(), HttpHeaders.of(headers), body(response.getEntity()));
				});
			}
			catch (IOException ex) {
				throw new ApiConnectionException("Stripe could not be reached: " + ex.getMessage(), ex);
			}
		}

		private static String body(@Nullable HttpEntity entity) throws IOException {
			if (entity == null) {
				return "";
			}
			try (InputStream in = entity.getContent()) {
				byte[] bytes = in.readNBytes(MAX_ANSWER + 1);
				if (bytes.length > MAX_ANSWER) {
					throw new IOException("the answer is longer than " + MAX_ANSWER + " bytes");
				}
				return new String(bytes, StandardCharsets.UTF_8);
			}
		}

	}

	/**
	 * @param scheme http or https
	 * @param host host, lower case
	 * @param port port, or -1 for any
	 */
	private record Base(String scheme, String host, int port) {

		static Base parse(String entry) {
			boolean anyPort = entry.endsWith(":*");
			Base base = of(anyPort ? entry.substring(0, entry.length() - 2) : entry);
			return anyPort ? new Base(base.scheme(), base.host(), -1) : base;
		}

		/**
		 * A base URL: http(s), a host, a port, no user, path (but /), query or fragment.
		 */
		static Base of(String text) {
			URI uri;
			try {
				uri = new URI(text);
			}
			catch (URISyntaxException ex) {
				throw new IllegalArgumentException("not a URL");
			}
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null
					|| uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
					|| !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath()))) {
				throw new IllegalArgumentException("not a base URL");
			}
			int port = (uri.getPort() != -1) ? uri.getPort() : ("https".equals(scheme) ? 443 : 80);
			String host = uri.getHost().toLowerCase(Locale.ROOT);
			if (host.startsWith("[") && host.endsWith("]")) {
				host = host.substring(1, host.length() - 1);
			}
			return new Base(scheme, host, port);
		}

		boolean admits(Base other) {
			return this.scheme.equals(other.scheme()) && this.host.equals(other.host())
					&& (this.port == -1 || this.port == other.port());
		}

	}

}

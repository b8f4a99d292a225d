package com.atelier.platform.idempotency;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import com.atelier.platform.problem.ProblemResponses;
import com.atelier.platform.problem.ProblemType;
import com.atelier.platform.problem.Problems;

/**
 * {@code Idempotency-Key} on POST, PUT, PATCH and DELETE requests (ARCHITECTURE.md):
 * scoped to (tenant, client, key); the same key and body replays the first response
 * ({@code Idempotent-Replayed: true}); the same key with another body is 422; while the
 * first request runs, 409. Responses with a 5xx status are not kept, so the request can
 * be retried. Add it to an API's security chain after authorization, so that the client
 * is known and refused requests claim no key.
 */
public final class IdempotencyFilter extends OncePerRequestFilter {

	public static final String HEADER = "Idempotency-Key";

	public static final ProblemType KEY_REUSED = new ProblemType("idempotency-key-reused",
			"Idempotency key used for another request", 422);

	public static final ProblemType KEY_IN_FLIGHT = new ProblemType("idempotency-key-in-flight",
			"Request with this idempotency key in progress", 409);

	private static final Pattern KEY = Pattern.compile("^[\\x21-\\x7e]{1,255}$");

	private static final int MAX_BODY = 1024 * 1024;

	private final Idempotency idempotency;

	private final ProblemResponses problems;

	public IdempotencyFilter(Idempotency idempotency, ProblemResponses problems) {
		this.idempotency = idempotency;
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String method = request.getMethod();
		boolean mutating = "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method)
				|| "DELETE".equals(method);
		return !mutating || request.getHeader(HEADER) == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getHeader(HEADER).strip();
		if (!KEY.matcher(key).matches()) {
			this.problems.write(request, response, Problems.of(Problems.INVALID_REQUEST,
					"The Idempotency-Key must be 1 to 255 visible ASCII characters."));
			return;
		}
		byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
		if (body.length > MAX_BODY) {
			this.problems.write(request, response,
					Problems.of(Problems.INVALID_REQUEST, "The request body is too large."));
			return;
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		// Anonymous callers (a shopper with a cart token) share no key space: their keys
		// are
		// scoped to the resource they address, whose path carries the cart's secret
		// token.
		String client = (authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken)) ? authentication.getName()
						: "anonymous:" + sha256(request.getRequestURI()).substring(0, 32);
		Idempotency.Claim claim = this.idempotency.claim(client, key, hash(request, body));
		switch (claim.outcome()) {
			case REPLAY -> replay(response, claim.response().orElseThrow());
			case MISMATCH -> this.problems.write(request, response, Problems.of(KEY_REUSED,
					"This Idempotency-Key was used for a different request; use a new key for a new request."));
			case IN_FLIGHT -> this.problems.write(request, response, Problems.of(KEY_IN_FLIGHT,
					"A request with this Idempotency-Key is still being processed; retry later."));
			case PROCEED -> proceed(new CachedBody(request, body), response, chain, client, key, claim);
		}
	}

	private void proceed(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String client,
			String key, Idempotency.Claim claim) throws ServletException, IOException {
		ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
		boolean kept = false;
		try {
			chain.doFilter(request, wrapper);
			if (wrapper.getStatus() < 500) {
				this.idempotency.complete(client, key, claim,
						new Idempotency.Response(wrapper.getStatus(), wrapper.getContentType(),
								wrapper.getHeader(HttpHeaders.LOCATION), wrapper.getContentAsByteArray()));
				kept = true;
			}
		}
		finally {
			if (!kept) {
				this.idempotency.release(client, key, claim);
			}
			wrapper.copyBodyToResponse();
		}
	}

	private static void replay(HttpServletResponse response, Idempotency.Response stored) throws IOException {
		response.setStatus(stored.status());
		if (stored.contentType() != null) {
			response.setContentType(stored.contentType());
		}
		if (stored.location() != null) {
			response.setHeader(HttpHeaders.LOCATION, stored.location());
		}
		response.setHeader("Idempotent-Replayed", "true");
		response.getOutputStream().write(stored.body());
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String hash(HttpServletRequest request, byte[] body) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			String target = request.getMethod() + " " + request.getRequestURI() + "?"
					+ ((request.getQueryString() != null) ? request.getQueryString() : "") + "\n";
			digest.update(target.getBytes(StandardCharsets.UTF_8));
			digest.update(body);
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The request with its body read once, readable again by the controller. */
	private static final class CachedBody extends HttpServletRequestWrapper {

		private final byte[] body;

		CachedBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			InputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() throws IOException {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) throws IOException {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					try {
						return in.available() == 0;
					}
					catch (IOException ex) {
						return true;
					}
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException();
				}

			};
		}

		@Override
		public java.io.BufferedReader getReader() {
			return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
		}

	}

}

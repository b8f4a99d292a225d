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
 * first request runs, 409. Every read-write transaction of the request marks the key
 * applied as it commits ({@link IdempotencyMarks}); a request that was applied is never
 * run again: its response is replayed, or, when it was not kept (the node stopped, or the
 * request failed with a 5xx after its effect committed), 409
 * {@code idempotency-key-applied}. A 5xx response of a request that applied nothing
 * releases the key, so the request can be retried. Anonymous callers' keys live in the
 * scope of a secret they hold ({@link AnonymousScope}), or are refused with 400. Add the
 * filter to an API's security chain after authorization, so that the client is known and
 * refused requests claim no key.
 */
public final class IdempotencyFilter extends OncePerRequestFilter {

	public static final String HEADER = "Idempotency-Key";

	public static final ProblemType KEY_REUSED = new ProblemType("idempotency-key-reused",
			"Idempotency key used for another request", 422);

	public static final ProblemType KEY_IN_FLIGHT = new ProblemType("idempotency-key-in-flight",
			"Request with this idempotency key in progress", 409);

	public static final ProblemType KEY_APPLIED = new ProblemType("idempotency-key-applied",
			"Request with this idempotency key already applied", 409);

	public static final ProblemType KEY_NOT_ALLOWED = new ProblemType("idempotency-key-not-allowed",
			"Idempotency key not allowed here", 400);

	private static final Pattern KEY = Pattern.compile("^[\\x21-\\x7e]{1,255}$");

	private static final int MAX_BODY = 1024 * 1024;

	private final Idempotency idempotency;

	private final ProblemResponses problems;

	private final AnonymousScope anonymousScope;

	/**
	 * A filter for an API whose callers are all authenticated: anonymous keys refused.
	 */
	public IdempotencyFilter(Idempotency idempotency, ProblemResponses problems) {
		this(idempotency, problems, (request) -> null);
	}

	/**
	 * @param idempotency the keys
	 * @param problems writes problems
	 * @param anonymousScope the key space of an anonymous request: something only its
	 * caller holds (a cart's secret token in the path), or null to refuse the key
	 */
	public IdempotencyFilter(Idempotency idempotency, ProblemResponses problems, AnonymousScope anonymousScope) {
		this.idempotency = idempotency;
		this.problems = problems;
		this.anonymousScope = anonymousScope;
	}

	/**
	 * Where an anonymous caller's keys live. Two anonymous callers must never share a
	 * scope unless they share a secret: the request URI alone is not one (every shopper
	 * posts to {@code /carts}).
	 */
	@FunctionalInterface
	public interface AnonymousScope {

		/**
		 * @param request the request
		 * @return a scope derived from a secret the request carries (hash it), or null
		 * when it carries none
		 */
		@org.jspecify.annotations.Nullable
		String scope(HttpServletRequest request);

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
		String client;
		if (authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken)) {
			client = authentication.getName();
		}
		else {
			// Anonymous callers share no key space: their keys live in the scope of a
			// secret they hold (a cart's token), or are refused.
			String scope = this.anonymousScope.scope(request);
			if (scope == null) {
				this.problems.write(request, response,
						Problems.of(KEY_NOT_ALLOWED,
								"An Idempotency-Key on a request without credentials needs a resource only its caller"
										+ " holds (a cart's token); send this request without the key, or signed in."));
				return;
			}
			client = "anonymous:" + sha256(scope).substring(0, 32);
		}
		Idempotency.Claim claim = this.idempotency.claim(client, key, hash(request, body));
		switch (claim.outcome()) {
			case REPLAY -> replay(response, claim.response().orElseThrow());
			case MISMATCH -> this.problems.write(request, response, Problems.of(KEY_REUSED,
					"This Idempotency-Key was used for a different request; use a new key for a new request."));
			case IN_FLIGHT -> this.problems.write(request, response, Problems.of(KEY_IN_FLIGHT,
					"A request with this Idempotency-Key is still being processed; retry later."));
			case APPLIED -> this.problems.write(request, response, Problems.of(KEY_APPLIED,
					"A request with this Idempotency-Key was applied, but its response was not kept; it is not run"
							+ " again. Read the resource's current state, and use a new key for a new request."));
			case PROCEED -> proceed(new CachedBody(request, body), response, chain, client, key, claim);
		}
	}

	private void proceed(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String client,
			String key, Idempotency.Claim claim) throws ServletException, IOException {
		ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
		boolean kept = false;
		try {
			IdempotencyMarks.hold(this.idempotency, client, key, claim);
			try {
				chain.doFilter(request, wrapper);
			}
			finally {
				IdempotencyMarks.drop();
			}
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

package com.atelier.platform.problem;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Builds {@link ProblemDetail} bodies in the one shape every Atelier API answers with.
 * <p>
 * A problem never echoes input unbounded: a value the client sent is quoted with
 * {@link #quote(Object)} (a short prefix), and {@link #of(ProblemType, String, List)}
 * cuts any detail, field name or field message that is still too long, and keeps at most
 * {@value #MAX_FIELD_PROBLEMS} field problems.
 */
public final class Problems {

	/** The request was malformed or failed validation. */
	public static final ProblemType INVALID_REQUEST = new ProblemType("invalid-request", "Invalid request", 400);

	/** No resource at this address, or one the caller may not know about. */
	public static final ProblemType NOT_FOUND = new ProblemType("not-found", "Not found", 404);

	/** The request carries no valid credentials. */
	public static final ProblemType UNAUTHORIZED = new ProblemType("unauthorized", "Unauthorized", 401);

	/** The credentials do not allow this. */
	public static final ProblemType FORBIDDEN = new ProblemType("forbidden", "Forbidden", 403);

	/** The method is not supported for this resource. */
	public static final ProblemType METHOD_NOT_ALLOWED = new ProblemType("method-not-allowed", "Method not allowed",
			405);

	/** The request body is larger than the route accepts. */
	public static final ProblemType PAYLOAD_TOO_LARGE = new ProblemType("payload-too-large", "Payload too large", 413);

	/** A concurrent request changed the same thing first (a unique key it needed). */
	public static final ProblemType CONFLICT = new ProblemType("conflict", "Conflicting change", 409);

	/** Something failed on our side; the detail never says what. */
	public static final ProblemType INTERNAL = new ProblemType("internal-error", "Internal error", 500);

	/** Characters of a client's value that a problem quotes, at most. */
	public static final int MAX_QUOTED = 40;

	/** Longest {@code detail} a problem carries. */
	public static final int MAX_DETAIL = 600;

	/** Longest field name or field message of a problem. */
	public static final int MAX_FIELD_TEXT = 200;

	/** Longest {@code instance} (request path) a problem carries. */
	public static final int MAX_INSTANCE = 200;

	/** Most field problems a problem lists. */
	public static final int MAX_FIELD_PROBLEMS = 50;

	private static final String ELLIPSIS = "…";

	/** Characters a URI path and query may hold as they are (RFC 3986). */
	private static final String URI_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?";

	private Problems() {
	}

	/**
	 * The type of a refusal known only by its status (raised by Spring MVC, the container
	 * or the edge): Atelier's own type where there is one, else {@code http-<status>};
	 * 5xx are {@link #INTERNAL}.
	 * @param status an HTTP error status
	 * @return its problem type
	 */
	public static ProblemType forStatus(int status) {
		return switch (status) {
			case 400 -> INVALID_REQUEST;
			case 401 -> UNAUTHORIZED;
			case 403 -> FORBIDDEN;
			case 404 -> NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 413 -> PAYLOAD_TOO_LARGE;
			default -> {
				HttpStatus known = HttpStatus.resolve(status);
				yield (status >= 400 && status < 500) ? new ProblemType("http-" + status,
						(known != null) ? known.getReasonPhrase() : "Request not served", status) : INTERNAL;
			}
		};
	}

	/**
	 * A value the client sent, for a problem's detail or field message: in single quotes,
	 * at most {@value #MAX_QUOTED} characters of it (then an ellipsis), control
	 * characters written as {@code \\uXXXX}.
	 * @param value what the client sent (may be {@code null})
	 * @return e.g. {@code 'carre-aurore'} or {@code 'aaaaaaaa…'}
	 */
	public static String quote(@Nullable Object value) {
		return "'" + prefix(String.valueOf(value), MAX_QUOTED) + "'";
	}

	/**
	 * A text cut to at most {@code max} characters (then an ellipsis), control characters
	 * written as {@code \\uXXXX}; {@link #quote(Object)} without the quotes.
	 * @param text the text
	 * @param max the most characters kept
	 * @return the text, bounded
	 */
	public static String prefix(String text, int max) {
		StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 8);
		int kept = 0;
		for (int i = 0; i < text.length(); i++) {
			if (kept >= max) {
				return out.append(ELLIPSIS).toString();
			}
			char c = text.charAt(i);
			if (Character.isISOControl(c)) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else if (Character.isHighSurrogate(c) && kept + 1 >= max) {
				// Never split a surrogate pair.
				return out.append(ELLIPSIS).toString();
			}
			else {
				out.append(c);
			}
			kept++;
		}
		return out.toString();
	}

	/**
	 * A problem's {@code instance}: the request's path as sent, cut to at most
	 * {@value #MAX_INSTANCE} characters (a client chooses its length).
	 * @param requestUri the raw request URI ({@code HttpServletRequest#getRequestURI()})
	 * @return the instance, or {@code null} when the path is not a valid URI reference
	 */
	public static @Nullable URI instance(@Nullable String requestUri) {
		if (requestUri == null) {
			return null;
		}
		StringBuilder path = new StringBuilder();
		byte[] bytes = requestUri.getBytes(StandardCharsets.UTF_8);
		int i = 0;
		while (i < bytes.length && path.length() < MAX_INSTANCE) {
			int b = bytes[i] & 0xff;
			if (b == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
				path.append((char) b).append((char) bytes[i + 1]).append((char) bytes[i + 2]);
				i += 3;
				continue;
			}
			if (b < 0x80 && URI_CHARS.indexOf(b) >= 0) {
				path.append((char) b);
			}
			else {
				path.append(String.format("%%%02X", b));
			}
			i++;
		}
		if (i < bytes.length) {
			path.append("...");
		}
		try {
			return URI.create(path.toString());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static boolean isHex(byte b) {
		return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
	}

	public static ProblemDetail of(ProblemType type, String detail) {
		return of(type, detail, List.of());
	}

	public static ProblemDetail of(ProblemType type, @Nullable String detail, List<FieldProblem> fieldProblems) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(type.status()),
				(detail != null) ? cut(detail, MAX_DETAIL) : null);
		problem.setType(type.uri());
		problem.setTitle(type.title());
		if (!fieldProblems.isEmpty()) {
			List<Map<String, String>> errors = new ArrayList<>();
			for (FieldProblem p : fieldProblems.subList(0, Math.min(fieldProblems.size(), MAX_FIELD_PROBLEMS))) {
				Map<String, String> error = new LinkedHashMap<>();
				error.put("field", cut(p.field(), MAX_FIELD_TEXT));
				error.put("message", cut(p.message(), MAX_FIELD_TEXT));
				errors.add(error);
			}
			problem.setProperty("errors", errors);
		}
		return problem;
	}

	public static ProblemDetail of(ProblemException ex) {
		return of(ex.type(), ex.getMessage(), ex.fieldProblems());
	}

	/**
	 * The response every API gives for the problem: its status and
	 * {@code application/problem+json}.
	 * @param problem the problem
	 * @return the response entity
	 */
	public static ResponseEntity<ProblemDetail> response(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	/** The backstop: a text that is still too long loses its tail. */
	private static String cut(String text, int max) {
		return (text.length() <= max) ? text : prefix(text, max);
	}

}

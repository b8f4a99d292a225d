package com.atelier.infra.web;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import com.atelier.platform.problem.ControlCharacters;
import com.atelier.platform.problem.FieldProblem;
import com.atelier.platform.problem.PayloadTooLarge;
import com.atelier.platform.problem.ProblemResponses;
import com.atelier.platform.problem.Problems;

/**
 * Refuses, before any API sees them, the parts of a request no API can use (ADR 27):
 * <ul>
 * <li>a query string or form body that is not valid percent-encoded UTF-8, or a form body
 * over the route's limit (Tomcat's form limit);</li>
 * <li>control characters in the path, in parameter names and values (tab, line feed and
 * carriage return are allowed in values: text areas), and in header values (tab is
 * allowed there);</li>
 * <li>a {@code Content-Type} that is not one concrete media type ({@code *}{@code /*},
 * unparseable, an unknown charset): 415;</li>
 * <li>on the APIs, an {@code Accept} header that admits neither JSON nor CSV: 406, before
 * the request runs rather than after its change is made.</li>
 * </ul>
 * Each refusal is a problem that names the part at fault and quotes none of it.
 */
final class InputHygieneFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(InputHygieneFilter.class);

	/** What the APIs answer with. */
	private static final List<MediaType> ANSWERS = List.of(MediaType.APPLICATION_JSON,
			MediaType.APPLICATION_PROBLEM_JSON, MediaType.valueOf("application/graphql-response+json"),
			MediaType.valueOf("text/csv"));

	private final ProblemResponses problems;

	private final BodyLimits limits;

	InputHygieneFilter(ProblemResponses problems, BodyLimits limits) {
		this.problems = problems;
		this.limits = limits;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ProblemDetail problem = check(request);
		if (problem != null) {
			log.debug("Refused {} {}: {}", request.getMethod(), Problems.instance(request.getRequestURI()),
					problem.getDetail());
			this.problems.write(request, response, problem);
			return;
		}
		chain.doFilter(request, response);
	}

	private @Nullable ProblemDetail check(HttpServletRequest request) {
		String path = request.getServletPath() + ((request.getPathInfo() != null) ? request.getPathInfo() : "");
		if (ControlCharacters.any(path)) {
			return invalid("path", ControlCharacters.MESSAGE);
		}
		for (String name : Collections.list(request.getHeaderNames())) {
			for (String value : Collections.list(request.getHeaders(name))) {
				if (ControlCharacters.any(value.replace('\t', ' '))) {
					return invalid(Problems.prefix(name, Problems.MAX_QUOTED) + " header", ControlCharacters.MESSAGE);
				}
			}
		}
		ProblemDetail contentType = contentType(request.getHeader(HttpHeaders.CONTENT_TYPE));
		if (contentType != null) {
			return contentType;
		}
		ProblemDetail accept = accept(path, request.getHeader(HttpHeaders.ACCEPT));
		if (accept != null) {
			return accept;
		}
		Map<String, String[]> parameters;
		try {
			// Parses the query string (and a form body) now, once, as every later
			// reader would.
			parameters = request.getParameterMap();
		}
		catch (InvalidParameterException ex) {
			// Bad percent-encoding, bad UTF-8, a form body over Tomcat's limit.
			if (ex.getErrorCode() == 413) {
				return Problems.of(new PayloadTooLarge(this.limits.limitFor(request)));
			}
			return Problems.of(Problems.INVALID_REQUEST,
					"The query string or form body is not valid percent-encoded UTF-8 (RFC 3986).");
		}
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			String name = parameter.getKey();
			if (ControlCharacters.any(name)) {
				return invalid("parameter name", ControlCharacters.MESSAGE);
			}
			for (String value : parameter.getValue()) {
				if (value != null && ControlCharacters.refused(value)) {
					return invalid(Problems.prefix(name, Problems.MAX_QUOTED), ControlCharacters.MESSAGE);
				}
			}
		}
		return null;
	}

	private static @Nullable ProblemDetail contentType(@Nullable String header) {
		if (header == null) {
			return null;
		}
		try {
			MediaType type = MediaType.parseMediaType(header);
			if (type.isWildcardType() || type.isWildcardSubtype()) {
				return unsupported(
						"The Content-Type must name one media type, such as application/json, not a" + " wildcard.");
			}
			// Resolves the charset: an unknown one throws.
			type.getCharset();
			return null;
		}
		catch (IllegalArgumentException ex) {
			return unsupported("The Content-Type is not a valid media type with a known charset.");
		}
	}

	/**
	 * The APIs answer JSON (and reports CSV): a request that accepts neither is refused
	 * before it runs, not after its change was made, when the answer could not be
	 * written.
	 */
	private static @Nullable ProblemDetail accept(String path, @Nullable String header) {
		if (header == null
				|| !(path.startsWith("/storefront/") || path.startsWith("/admin/") || path.startsWith("/platform/"))) {
			return null;
		}
		List<MediaType> accepted;
		try {
			accepted = MediaType.parseMediaTypes(header);
		}
		catch (IllegalArgumentException ex) {
			return Problems.of(Problems.forStatus(406), "The Accept header is not a list of media types.");
		}
		for (MediaType type : accepted) {
			if (type.getQualityValue() > 0 && ANSWERS.stream().anyMatch(type::isCompatibleWith)) {
				return null;
			}
		}
		return Problems.of(Problems.forStatus(406),
				"This API answers application/json (reports also text/csv): the Accept header admits neither.");
	}

	private static ProblemDetail unsupported(String detail) {
		return Problems.of(Problems.forStatus(415), detail);
	}

	private static ProblemDetail invalid(String field, String message) {
		return Problems.of(Problems.INVALID_REQUEST, "The " + field + " " + message + ".",
				List.of(new FieldProblem(field, message)));
	}

}

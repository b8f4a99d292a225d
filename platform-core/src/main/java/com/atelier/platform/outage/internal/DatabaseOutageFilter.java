package com.atelier.platform.outage.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import com.atelier.platform.outage.DatabaseOutages;
import com.atelier.platform.outage.OutageProblems;
import com.atelier.platform.problem.ProblemResponses;

/**
 * The outermost filter of every request (ADR 31): a request that met an unavailable
 * database anywhere past it (tenant resolution, Spring Session, token validation's key
 * and principal lookups, the idempotency filter, the authorization server's client and
 * user lookups, ...) is answered 503 problem+json with {@code Retry-After}, instead of
 * the container's 500 and a stack trace in the log. Controllers answer the same through
 * the API modules' advice; this catches what their advice never sees.
 */
final class DatabaseOutageFilter extends OncePerRequestFilter {

	private final ProblemResponses problems;

	DatabaseOutageFilter(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			if (!DatabaseOutages.isOutage(ex) || response.isCommitted()) {
				throw ex;
			}
			OutageProblems.answered(ex);
			response.resetBuffer();
			response.setHeader(HttpHeaders.RETRY_AFTER, OutageProblems.retryAfter());
			this.problems.write(request, response, OutageProblems.problem());
		}
	}

}

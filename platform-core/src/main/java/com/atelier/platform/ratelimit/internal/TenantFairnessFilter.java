package com.atelier.platform.ratelimit.internal;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import com.atelier.platform.problem.ProblemResponses;
import com.atelier.platform.problem.Problems;
import com.atelier.platform.ratelimit.RateLimitProblems;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantId;
import com.atelier.platform.tenancy.TenantRef;

/**
 * One brand may have at most {@code maxRequests} requests in progress on this node; the
 * rest of the node's request workers stay free for the other brands. A request over the
 * share is answered at once, 503 {@code brand-busy} with {@code Retry-After: 1}, instead
 * of queueing behind the brand's others. Runs right after tenant resolution.
 */
final class TenantFairnessFilter extends OncePerRequestFilter {

	private final int maxRequests;

	private final ProblemResponses problems;

	private final ConcurrentMap<TenantId, Semaphore> inFlight = new ConcurrentHashMap<>();

	TenantFairnessFilter(int maxRequests, ProblemResponses problems) {
		this.maxRequests = maxRequests;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		TenantId tenant = TenantContext.current().map(TenantRef::id).orElse(null);
		if (tenant == null) {
			chain.doFilter(request, response);
			return;
		}
		Semaphore share = this.inFlight.computeIfAbsent(tenant, (t) -> new Semaphore(this.maxRequests));
		if (!share.tryAcquire()) {
			response.setHeader(HttpHeaders.RETRY_AFTER, "1");
			this.problems.write(request, response, Problems.of(RateLimitProblems.BRAND_BUSY,
					"The brand has too many requests in progress on this server; retry in a second."));
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			share.release();
		}
	}

	/** Requests of the brand in progress on this node (tests). */
	int inFlight(TenantId tenant) {
		Semaphore share = this.inFlight.get(tenant);
		return (share != null) ? this.maxRequests - share.availablePermits() : 0;
	}

}

package com.atelier.platform.ratelimit;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import com.atelier.platform.problem.ProblemResponses;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantId;
import com.atelier.platform.tenancy.TenantRef;

/**
 * Takes a token for each check that applies to the request, in order, and answers 429
 * {@code rate-limited} with {@code Retry-After} at the first refusal (later checks take
 * nothing). Each API adds one to its security chain with its own checks; put it where the
 * subject is known (after authentication for a principal) and before anything that costs
 * (the idempotency filter, the controllers).
 */
public final class RateLimitFilter extends OncePerRequestFilter {

	private final RateLimits limits;

	private final ProblemResponses problems;

	private final List<Check> checks;

	public RateLimitFilter(RateLimits limits, ProblemResponses problems, List<Check> checks) {
		this.limits = limits;
		this.problems = problems;
		this.checks = List.copyOf(checks);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		TenantId tenant = TenantContext.current().map(TenantRef::id).orElse(null);
		for (Check check : this.checks) {
			if (!check.applies().test(request) || (check.rule().perBrand() && tenant == null)) {
				continue;
			}
			String subject = check.subject().apply(request);
			if (subject == null) {
				continue;
			}
			RateLimits.Decision decision = this.limits.take(check.rule(), check.rule().perBrand() ? tenant : null,
					subject);
			if (!decision.allowed()) {
				response.setHeader(HttpHeaders.RETRY_AFTER,
						String.valueOf(RateLimitProblems.retryAfterSeconds(decision.retryAfter())));
				this.problems.write(request, response, RateLimitProblems.rateLimited(check.rule(), decision));
				return;
			}
		}
		chain.doFilter(request, response);
	}

	/**
	 * One rule applied to the requests it matches.
	 *
	 * @param rule the rule
	 * @param applies which requests it counts
	 * @param subject who a request is counted for; null to skip the request
	 */
	public record Check(RateLimitRule rule, Predicate<HttpServletRequest> applies,
			Function<HttpServletRequest, @Nullable String> subject) {

		/** Counts the matching requests per client address. */
		public static Check perAddress(RateLimitRule rule, Predicate<HttpServletRequest> applies) {
			return new Check(rule, applies, ClientAddress::key);
		}

		/** Counts the matching requests together: one bucket for the brand. */
		public static Check perBrand(RateLimitRule rule, Predicate<HttpServletRequest> applies) {
			return new Check(rule, applies, (request) -> "brand");
		}

		/** Counts the matching requests per authenticated principal (name). */
		public static Check perPrincipal(RateLimitRule rule, Predicate<HttpServletRequest> applies) {
			return new Check(rule, applies, (request) -> {
				var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
					.getAuthentication();
				return (authentication != null && authentication.isAuthenticated()
						&& !(authentication instanceof org.springframework.security.authentication.AnonymousAuthenticationToken))
								? authentication.getName() : null;
			});
		}

	}

}

package com.atelier.platform.tenancy.web;

import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.util.Optional;

import com.nimbusds.jwt.JWTParser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import com.atelier.platform.problem.ProblemException;
import com.atelier.platform.problem.ProblemResponses;
import com.atelier.platform.problem.Problems;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantResolver;
import com.atelier.platform.tenancy.UnknownTenant;

/**
 * Sets the tenant context for tenant paths before anything else runs (security included),
 * and clears it when the request ends. The tenant is the host's: a registered domain or
 * {@code {slug}.localhost}. An unknown host is answered 404 and a suspended tenant 403,
 * as problem details.
 * <p>
 * The admin API may also be called on a host that names no tenant: then the tenant is the
 * one whose host issued the bearer token. That choice only selects which tenant's keys
 * and rules verify the token; an unverifiable token is refused by the admin API's
 * security (401).
 */
public final class TenantResolutionFilter extends OncePerRequestFilter {

	/** Request attribute holding the resolved {@link Tenant}. */
	public static final String TENANT_ATTRIBUTE = TenantResolutionFilter.class.getName() + ".tenant";

	private final TenantResolver resolver;

	private final ProblemResponses problems;

	public TenantResolutionFilter(TenantResolver resolver, ProblemResponses problems) {
		this.resolver = resolver;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Tenant tenant;
		try {
			tenant = this.resolver.resolve(request.getServerName());
		}
		catch (UnknownTenant unknown) {
			Optional<Tenant> byToken = isAdminApi(request) ? byTokenIssuer(request) : Optional.empty();
			if (byToken.isEmpty()) {
				this.problems.write(request, response,
						isAdminApi(request)
								? Problems.of(Problems.UNAUTHORIZED, "A bearer token issued by the brand is required.")
								: Problems.of(unknown));
				return;
			}
			tenant = byToken.get();
		}
		catch (ProblemException ex) {
			this.problems.write(request, response, Problems.of(ex));
			return;
		}
		request.setAttribute(TENANT_ATTRIBUTE, tenant);
		try (TenantContext.Scope scope = TenantContext.enter(tenant.ref())) {
			chain.doFilter(request, response);
		}
	}

	private static boolean isAdminApi(HttpServletRequest request) {
		return request.getRequestURI().startsWith("/admin/");
	}

	private Optional<Tenant> byTokenIssuer(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return Optional.empty();
		}
		try {
			String issuer = JWTParser.parse(authorization.substring(7).strip()).getJWTClaimsSet().getIssuer();
			String host = (issuer != null) ? URI.create(issuer).getHost() : null;
			return (host != null) ? Optional.of(this.resolver.resolve(host)) : Optional.empty();
		}
		catch (ParseException | IllegalArgumentException | ProblemException ex) {
			return Optional.empty();
		}
	}

}

package com.atelier.platform.tenancy.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import com.atelier.platform.problem.ProblemException;
import com.atelier.platform.problem.ProblemResponses;
import com.atelier.platform.problem.Problems;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantResolver;

/**
 * Sets the tenant context from the request's host for tenant APIs, before anything else
 * runs, and clears it when the request ends. An unknown host is answered 404 and a
 * suspended tenant 403, both as problem details, without reaching any controller.
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
		catch (ProblemException ex) {
			this.problems.write(request, response, Problems.of(ex));
			return;
		}
		request.setAttribute(TENANT_ATTRIBUTE, tenant);
		try (TenantContext.Scope scope = TenantContext.enter(tenant.ref())) {
			chain.doFilter(request, response);
		}
	}

}

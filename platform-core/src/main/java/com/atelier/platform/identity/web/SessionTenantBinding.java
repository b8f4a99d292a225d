package com.atelier.platform.identity.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.web.filter.OncePerRequestFilter;

import com.atelier.platform.tenancy.TenantContext;

/**
 * Binds a session to the tenant it was created for. A session cookie replayed on another
 * tenant's host finds its session invalidated: a shopper or staff member signed in at one
 * brand is never signed in at another.
 */
final class SessionTenantBinding extends OncePerRequestFilter {

	static final String ATTRIBUTE = "atelier.tenant";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String tenant = TenantContext.current().map((t) -> t.id().toString()).orElse("none");
		HttpSession session = request.getSession(false);
		if (session != null) {
			Object bound = session.getAttribute(ATTRIBUTE);
			if (bound != null && !bound.equals(tenant)) {
				session.invalidate();
			}
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			HttpSession after = request.getSession(false);
			if (after != null) {
				try {
					if (after.getAttribute(ATTRIBUTE) == null) {
						after.setAttribute(ATTRIBUTE, tenant);
					}
				}
				catch (IllegalStateException ex) {
					// invalidated during the request (sign-out)
				}
			}
		}
	}

}

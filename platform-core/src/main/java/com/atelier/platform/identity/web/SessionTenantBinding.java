package com.atelier.platform.identity.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.web.filter.OncePerRequestFilter;

import com.atelier.platform.tenancy.TenantContext;

/**
 * Binds a session to the tenant it was created for. A session cookie replayed on another
 * tenant's host finds its session invalidated: a shopper or staff member signed in at one
 * brand is never signed in at another.
 * <p>
 * The tenant is written into the session the moment the session is created, so it is
 * stored with the session's first save. (It used to be added after the rest of the chain,
 * when the response had often been sent already: Spring Session then stored it in a
 * second save, and the browser's next request, arriving on another connection before that
 * save, added it too; one of the two inserts failed on the attributes' primary key and
 * the sign-in answered 409.)
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
			else if (bound == null) {
				// A session from before the binding was written at creation.
				session.setAttribute(ATTRIBUTE, tenant);
			}
		}
		chain.doFilter(new BindingRequest(request, tenant), response);
	}

	/** Binds every session it creates to the tenant before anything else uses it. */
	private static final class BindingRequest extends HttpServletRequestWrapper {

		private final String tenant;

		BindingRequest(HttpServletRequest request, String tenant) {
			super(request);
			this.tenant = tenant;
		}

		@Override
		public HttpSession getSession() {
			return getSession(true);
		}

		@Override
		public @Nullable HttpSession getSession(boolean create) {
			HttpSession session = super.getSession(create);
			if (session != null && session.getAttribute(ATTRIBUTE) == null) {
				session.setAttribute(ATTRIBUTE, this.tenant);
			}
			return session;
		}

	}

}

package com.atelier.platform.identity.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.web.filter.OncePerRequestFilter;

import com.atelier.platform.identity.TooManyAttempts;
import com.atelier.platform.identity.internal.SignInGuard;

/**
 * The sign-in form's throttle (ADR 26). Before the form login runs, an attempt whose
 * account, device or address is locked is sent back to the page with "too many attempts,
 * try again in N minutes": the password is never hashed. The form's handlers count a
 * wrong password (and show the lock at once when it locked something) and, on success,
 * forget the account's failures and trust the browser with a device cookie.
 */
final class SignInThrottling extends OncePerRequestFilter {

	private static final String ATTEMPT = SignInThrottling.class.getName() + ".attempt";

	private final SignInGuard guard;

	private final String page;

	private final String door;

	SignInThrottling(SignInGuard guard, String page, String door) {
		this.guard = guard;
		this.page = page;
		this.door = door;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		SignInGuard.Attempt attempt = this.guard.attempt(request, this.door);
		try {
			this.guard.check(attempt);
		}
		catch (TooManyAttempts ex) {
			response.sendRedirect(locked(this.page, ex.retryAfter()));
			return;
		}
		request.setAttribute(ATTEMPT, attempt);
		chain.doFilter(request, response);
	}

	/** Counts a wrong email or password; other refusals (a disabled account) are not. */
	static AuthenticationFailureHandler failure(SignInGuard guard, String page) {
		return (request, response, ex) -> {
			Optional<Duration> lock = Optional.empty();
			if (request.getAttribute(ATTEMPT) instanceof SignInGuard.Attempt attempt
					&& ex instanceof BadCredentialsException) {
				lock = guard.failed(attempt);
			}
			response.sendRedirect(lock.map((d) -> locked(page, d)).orElse(page + "?error"));
		};
	}

	static AuthenticationSuccessHandler success(SignInGuard guard, String page) {
		SavedRequestAwareAuthenticationSuccessHandler next = new SavedRequestAwareAuthenticationSuccessHandler();
		next.setDefaultTargetUrl(page + "?signed-in");
		return (request, response, authentication) -> {
			if (request.getAttribute(ATTEMPT) instanceof SignInGuard.Attempt attempt) {
				guard.succeeded(attempt, request, response, page);
			}
			next.onAuthenticationSuccess(request, response, authentication);
		};
	}

	private static String locked(String page, Duration retryAfter) {
		return page + "?locked=" + TooManyAttempts.minutes(retryAfter);
	}

}

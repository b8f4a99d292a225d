package com.atelier.platform.identity.web;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ErrorAuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;

import com.atelier.platform.identity.CredentialThrottle;
import com.atelier.platform.identity.CredentialThrottle.Key;
import com.atelier.platform.identity.CredentialThrottle.Kind;
import com.atelier.platform.identity.TooManyAttempts;
import com.atelier.platform.problem.ProblemResponses;
import com.atelier.platform.problem.Problems;

/**
 * The token endpoint's throttle (ADR 26): failed client authentications (a wrong client
 * secret) and refused grants (an unknown or reused refresh token or code) count against
 * the client's IP address; a locked address gets 429 problem+json with
 * {@code Retry-After} before any client or grant is looked at. Malformed requests do not
 * count: they guess nothing.
 */
final class TokenEndpointThrottling extends OncePerRequestFilter {

	private static final Set<String> GUESSES = Set.of(OAuth2ErrorCodes.INVALID_CLIENT, OAuth2ErrorCodes.INVALID_GRANT);

	private final CredentialThrottle throttle;

	private final ProblemResponses problems;

	TokenEndpointThrottling(CredentialThrottle throttle, ProblemResponses problems) {
		this.throttle = throttle;
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || !"/oauth2/token".equals(request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			this.throttle.check(keys(request));
		}
		catch (TooManyAttempts ex) {
			ex.headers().forEach(response::setHeader);
			this.problems.write(request, response, Problems.of(ex));
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * Counts refusals that could be guesses, then answers as the token endpoint does.
	 * @return the token endpoint's error handler
	 */
	AuthenticationFailureHandler countingGrants() {
		return counting(new OAuth2ErrorAuthenticationFailureHandler());
	}

	/**
	 * Counts failed client authentications, then answers as the client authentication
	 * filter does: 401 for {@code invalid_client}, 400 otherwise, the error code only.
	 * @return the client authentication's error handler
	 */
	AuthenticationFailureHandler countingClientAuthentication() {
		HttpMessageConverter<OAuth2Error> errors = new OAuth2ErrorHttpMessageConverter();
		return counting((request, response, ex) -> {
			SecurityContextHolder.clearContext();
			OAuth2Error error = ((OAuth2AuthenticationException) ex).getError();
			ServletServerHttpResponse http = new ServletServerHttpResponse(response);
			http.setStatusCode(OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode()) ? HttpStatus.UNAUTHORIZED
					: HttpStatus.BAD_REQUEST);
			errors.write(new OAuth2Error(error.getErrorCode()), null, http);
		});
	}

	private AuthenticationFailureHandler counting(AuthenticationFailureHandler answer) {
		return (request, response, ex) -> {
			if (ex instanceof OAuth2AuthenticationException oauth
					&& GUESSES.contains(oauth.getError().getErrorCode())) {
				this.throttle.count(keys(request));
			}
			answer.onAuthenticationFailure(request, response, ex);
		};
	}

	private static List<Key> keys(HttpServletRequest request) {
		return List.of(Key.ip(Kind.TOKEN_IP, request.getRemoteAddr()));
	}

}

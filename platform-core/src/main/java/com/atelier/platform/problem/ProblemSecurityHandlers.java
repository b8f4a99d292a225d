package com.atelier.platform.problem;

import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Spring Security's 401 and 403 as problem details, for every API security chain: a
 * missing, invalid, expired or foreign token is {@code unauthorized}; a valid token
 * without the permission is {@code forbidden}. The detail never says which check failed.
 */
public final class ProblemSecurityHandlers {

	private final ProblemResponses responses;

	public ProblemSecurityHandlers(ProblemResponses responses) {
		this.responses = responses;
	}

	public AuthenticationEntryPoint unauthorized() {
		return (request, response, ex) -> {
			response.setHeader("WWW-Authenticate", "Bearer");
			this.responses.write(request, response,
					Problems.of(Problems.UNAUTHORIZED, "A valid access token for this brand and API is required."));
		};
	}

	public AccessDeniedHandler forbidden() {
		return (request, response, ex) -> this.responses.write(request, response,
				Problems.of(Problems.FORBIDDEN, "Your role or scopes do not allow this."));
	}

}

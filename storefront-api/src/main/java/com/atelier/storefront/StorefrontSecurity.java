package com.atelier.storefront;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

import com.atelier.platform.idempotency.Idempotency;
import com.atelier.platform.idempotency.IdempotencyFilter;
import com.atelier.platform.problem.ProblemResponses;
import com.atelier.platform.identity.Audience;
import com.atelier.platform.identity.TenantTokens;
import com.atelier.platform.identity.web.AuthorizationServerSecurity;
import com.atelier.platform.problem.ProblemSecurityHandlers;

/**
 * The storefront's security: browsing is public; a shopper's own resources need a token
 * of the host's tenant with audience {@code storefront}. A token that is present but
 * invalid (another brand's, the admin API's, expired, forged) is refused with 401
 * everywhere.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class StorefrontSecurity {

	@Bean
	@Order(AuthorizationServerSecurity.API_ORDER + 10)
	SecurityFilterChain storefrontChain(HttpSecurity http, TenantTokens tokens, ProblemSecurityHandlers problems,
			Idempotency idempotency, ProblemResponses responses) throws Exception {
		http.securityMatcher("/storefront/**")
			.addFilterAfter(new IdempotencyFilter(idempotency, responses, StorefrontSecurity::cartScope),
					AuthorizationFilter.class)
			.authorizeHttpRequests((authorize) -> authorize
				.requestMatchers("/storefront/api/v1/customers/me", "/storefront/api/v1/customers/me/**")
				.hasAuthority("customer")
				.anyRequest()
				.permitAll())
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.decoder(tokens.decoder(Audience.STOREFRONT))
					.jwtAuthenticationConverter(tokens.authentication()))
				.authenticationEntryPoint(problems.unauthorized())
				.accessDeniedHandler(problems.forbidden()))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems.unauthorized())
				.accessDeniedHandler(problems.forbidden()))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

	private static final java.util.regex.Pattern CART_PATH = java.util.regex.Pattern
		.compile("^/storefront/api/v1/carts/([^/]+)(?:/.*)?$");

	/**
	 * An anonymous shopper's idempotency keys live with the cart they address: its token,
	 * in the path, is a secret only they hold. Requests that carry no cart token (a new
	 * cart, sign-up, verification) take no key without credentials.
	 */
	static @org.jspecify.annotations.Nullable String cartScope(jakarta.servlet.http.HttpServletRequest request) {
		java.util.regex.Matcher cart = CART_PATH.matcher(request.getRequestURI());
		return cart.matches() ? "cart:" + cart.group(1) : null;
	}

}

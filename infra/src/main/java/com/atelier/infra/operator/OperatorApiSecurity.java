package com.atelier.infra.operator;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

import com.atelier.platform.identity.Operators;
import com.atelier.platform.identity.web.AuthorizationServerSecurity;
import com.atelier.platform.problem.ProblemResponses;
import com.atelier.platform.problem.ProblemSecurityHandlers;
import com.atelier.platform.ratelimit.RateLimitFilter;
import com.atelier.platform.ratelimit.RateLimitRule;
import com.atelier.platform.ratelimit.RateLimits;

/**
 * The operator API accepts only operator tokens
 * ({@code Authorization: Bearer atl_op_...}, from {@code bin/atelier operator create});
 * tenant tokens of any kind are refused (401). It is served only on the operator hosts
 * ({@link OperatorHosts}): elsewhere its paths are unknown (404), before security runs.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties(OperatorHosts.class)
class OperatorApiSecurity {

	static final String OPERATOR = "operator";

	/**
	 * Filter order of the operator host check: after the edge's body limit and input
	 * checks, before the session repository and security.
	 */
	static final int HOST_ORDER = Ordered.HIGHEST_PRECEDENCE + 30;

	@Bean
	FilterRegistrationBean<OperatorHosts.Filter> operatorHostFilter(OperatorHosts hosts) {
		FilterRegistrationBean<OperatorHosts.Filter> registration = new FilterRegistrationBean<>(
				new OperatorHosts.Filter(hosts));
		registration.addUrlPatterns("/platform/*");
		registration.setOrder(HOST_ORDER);
		registration.setName("operatorHosts");
		return registration;
	}

	@Bean
	@Order(AuthorizationServerSecurity.API_ORDER + 20)
	SecurityFilterChain operatorApiChain(HttpSecurity http, Operators operators, ProblemSecurityHandlers problems,
			RateLimits limits, ProblemResponses responses, OperatorHosts hosts) throws Exception {
		http.securityMatcher("/platform/**")
			.addFilterBefore(new OperatorTokenFilter(operators), BasicAuthenticationFilter.class)
			.addFilterAfter(
					new RateLimitFilter(limits, responses,
							List.of(RateLimitFilter.Check.perPrincipal(RateLimitRule.OPERATOR, (request) -> true))),
					AuthorizationFilter.class)
			// Defence in depth: the host filter answers other hosts before this chain.
			.authorizeHttpRequests((authorize) -> authorize.requestMatchers((request) -> !hosts.serves(request))
				.denyAll()
				.anyRequest()
				.hasAuthority(OPERATOR))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems.unauthorized())
				.accessDeniedHandler(problems.forbidden()))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

	/** Authenticates operator tokens; leaves every other request anonymous. */
	static final class OperatorTokenFilter extends OncePerRequestFilter {

		private final Operators operators;

		OperatorTokenFilter(Operators operators) {
			this.operators = operators;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String header = request.getHeader(HttpHeaders.AUTHORIZATION);
			if (header != null && header.regionMatches(true, 0, "Bearer atl_op_", 0, 14)) {
				this.operators.authenticate(header.substring(7).strip())
					.ifPresent((operator) -> SecurityContextHolder.getContext()
						.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(operator.name(), null,
								List.of(new SimpleGrantedAuthority(OPERATOR)))));
			}
			chain.doFilter(request, response);
		}

	}

}

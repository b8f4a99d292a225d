package com.atelier.admin;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

import com.atelier.platform.idempotency.Idempotency;
import com.atelier.platform.idempotency.IdempotencyFilter;
import com.atelier.platform.identity.Audience;
import com.atelier.platform.identity.Permission;
import com.atelier.platform.identity.TenantTokens;
import com.atelier.platform.identity.web.AuthorizationServerSecurity;
import com.atelier.platform.problem.ProblemResponses;
import com.atelier.platform.problem.ProblemSecurityHandlers;
import com.atelier.platform.ratelimit.RateLimitFilter;
import com.atelier.platform.ratelimit.RateLimitRule;
import com.atelier.platform.ratelimit.RateLimits;

/**
 * The admin API's security: bearer tokens of the request's tenant with audience
 * {@code admin} (staff through the admin console, or brand integrations), and one
 * permission per endpoint. Stateless; every refusal is a problem (401 without a valid
 * token, 403 without the permission).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class AdminApiSecurity {

	static final String BRAND = "/admin/api/v1/brand";

	static final String STAFF = "/admin/api/v1/staff";

	static final String AUDIT = "/admin/api/v1/audit-events";

	static final String RATE_LIMITS = "/admin/api/v1/rate-limits";

	static final String[] CATALOG = { "/admin/api/v1/products", "/admin/api/v1/products/**",
			"/admin/api/v1/variants/**", "/admin/api/v1/collections", "/admin/api/v1/collections/**",
			"/admin/api/v1/markets", "/admin/api/v1/markets/**" };

	static final String ORDERS = "/admin/api/v1/orders";

	static final String CHECKOUT_SETTINGS = "/admin/api/v1/checkout-settings";

	static final String PAYMENT_PROVIDERS = "/admin/api/v1/payment-providers";

	/** Served by the reporting module; secured here, with the rest of the admin API. */
	static final String REPORTS = "/admin/api/v1/reports";

	static final String REPORT_SETTINGS = "/admin/api/v1/report-settings";

	static final String[] INVENTORY = { "/admin/api/v1/stock-locations", "/admin/api/v1/stock-locations/**",
			"/admin/api/v1/inventory", "/admin/api/v1/inventory/**" };

	@Bean
	@Order(AuthorizationServerSecurity.API_ORDER)
	SecurityFilterChain adminApiChain(HttpSecurity http, TenantTokens tokens, ProblemSecurityHandlers problems,
			Idempotency idempotency, ProblemResponses responses, RateLimits limits) throws Exception {
		// Rate limits first, so a refused request claims no idempotency key.
		http.securityMatcher("/admin/**")
			.addFilterAfter(
					new RateLimitFilter(limits, responses,
							List.of(RateLimitFilter.Check.perPrincipal(RateLimitRule.ADMIN_CLIENT, (request) -> true))),
					AuthorizationFilter.class)
			.addFilterAfter(new IdempotencyFilter(idempotency, responses), RateLimitFilter.class)
			.authorizeHttpRequests((authorize) -> authorize.requestMatchers(HttpMethod.GET, BRAND)
				.hasAuthority(Permission.BRAND_READ.scope())
				.requestMatchers(HttpMethod.PATCH, BRAND)
				.hasAuthority(Permission.BRAND_WRITE.scope())
				.requestMatchers(HttpMethod.GET, STAFF, STAFF + "/*")
				.hasAuthority(Permission.STAFF_READ.scope())
				.requestMatchers(HttpMethod.POST, STAFF)
				.hasAuthority(Permission.STAFF_WRITE.scope())
				.requestMatchers(HttpMethod.PATCH, STAFF + "/*")
				.hasAuthority(Permission.STAFF_WRITE.scope())
				.requestMatchers(HttpMethod.GET, RATE_LIMITS)
				.hasAuthority(Permission.BRAND_READ.scope())
				.requestMatchers(HttpMethod.GET, AUDIT)
				.hasAuthority(Permission.AUDIT_READ.scope())
				.requestMatchers(HttpMethod.GET, ORDERS, ORDERS + "/**")
				.hasAuthority(Permission.ORDERS_READ.scope())
				.requestMatchers(HttpMethod.POST, ORDERS + "/*/capture", ORDERS + "/*/refunds")
				.hasAuthority(Permission.PAYMENTS_WRITE.scope())
				.requestMatchers(ORDERS, ORDERS + "/**")
				.hasAuthority(Permission.ORDERS_WRITE.scope())
				.requestMatchers(HttpMethod.GET, CHECKOUT_SETTINGS)
				.hasAuthority(Permission.BRAND_READ.scope())
				.requestMatchers(CHECKOUT_SETTINGS)
				.hasAuthority(Permission.BRAND_WRITE.scope())
				.requestMatchers(HttpMethod.GET, PAYMENT_PROVIDERS)
				.hasAuthority(Permission.ORDERS_READ.scope())
				.requestMatchers(PAYMENT_PROVIDERS, PAYMENT_PROVIDERS + "/**")
				.hasAuthority(Permission.PAYMENTS_WRITE.scope())
				.requestMatchers(HttpMethod.GET, REPORTS, REPORTS + "/**", REPORT_SETTINGS)
				.hasAuthority(Permission.REPORTS_READ.scope())
				.requestMatchers(REPORT_SETTINGS)
				.hasAuthority(Permission.BRAND_WRITE.scope())
				.requestMatchers(HttpMethod.GET, CATALOG)
				.hasAuthority(Permission.CATALOG_READ.scope())
				.requestMatchers(CATALOG)
				.hasAuthority(Permission.CATALOG_WRITE.scope())
				.requestMatchers(HttpMethod.GET, INVENTORY)
				.hasAuthority(Permission.INVENTORY_READ.scope())
				.requestMatchers(INVENTORY)
				.hasAuthority(Permission.INVENTORY_WRITE.scope())
				.anyRequest()
				.authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.decoder(tokens.decoder(Audience.ADMIN))
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

}

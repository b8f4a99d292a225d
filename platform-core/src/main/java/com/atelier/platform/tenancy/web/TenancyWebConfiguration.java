package com.atelier.platform.tenancy.web;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import com.atelier.platform.problem.ProblemResponses;
import com.atelier.platform.problem.ProblemSecurityHandlers;
import com.atelier.platform.tenancy.TenantResolver;

/**
 * Registers tenant resolution for the tenant APIs, ahead of every other filter (security
 * included), so that the tenant is known, or the request refused, first.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class TenancyWebConfiguration {

	/** Filter order: after Spring Session's filter, before Spring Security's chain. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 60;

	/**
	 * Paths whose tenant is the host's (or, for the admin API on a neutral host, the
	 * token's).
	 */
	public static final String[] TENANT_PATHS = { "/storefront/*", "/admin/*", "/oauth2/*", "/.well-known/*",
			"/userinfo", "/connect/*", "/login/*" };

	@Bean
	ProblemResponses problemResponses(JsonMapper json) {
		return new ProblemResponses(json);
	}

	@Bean
	ProblemSecurityHandlers problemSecurityHandlers(ProblemResponses problems) {
		return new ProblemSecurityHandlers(problems);
	}

	@Bean
	FilterRegistrationBean<TenantResolutionFilter> tenantResolutionFilter(TenantResolver resolver,
			ProblemResponses problems) {
		FilterRegistrationBean<TenantResolutionFilter> registration = new FilterRegistrationBean<>(
				new TenantResolutionFilter(resolver, problems));
		registration.addUrlPatterns(TENANT_PATHS);
		registration.setOrder(ORDER);
		registration.setName("tenantResolution");
		return registration;
	}

}

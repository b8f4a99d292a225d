package com.atelier.platform.tenancy.web;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import com.atelier.platform.problem.ProblemResponses;
import com.atelier.platform.tenancy.TenantResolver;

/**
 * Registers tenant resolution for the tenant APIs, ahead of every other filter (security
 * included), so that the tenant is known, or the request refused, first.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class TenancyWebConfiguration {

	/** Filter order: before Spring Security's chain. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 50;

	@Bean
	ProblemResponses problemResponses(JsonMapper json) {
		return new ProblemResponses(json);
	}

	@Bean
	FilterRegistrationBean<TenantResolutionFilter> tenantResolutionFilter(TenantResolver resolver,
			ProblemResponses problems) {
		FilterRegistrationBean<TenantResolutionFilter> registration = new FilterRegistrationBean<>(
				new TenantResolutionFilter(resolver, problems));
		registration.addUrlPatterns("/storefront/*", "/admin/*");
		registration.setOrder(ORDER);
		registration.setName("tenantResolution");
		return registration;
	}

}

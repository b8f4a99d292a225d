package com.atelier.infra.web;

import graphql.execution.instrumentation.Instrumentation;
import org.apache.catalina.core.StandardHost;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.graphql.server.WebGraphQlInterceptor;

import com.atelier.platform.problem.ProblemResponses;

/**
 * The HTTP edge (ADR 27): body limits and input hygiene as the first filters of every
 * request, strict JSON reading, GraphQL argument checks, and Tomcat's own refusals as
 * problem details.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties(EdgeProperties.class)
class EdgeWebConfiguration {

	/**
	 * Filter order of the body limit: after the character encoding filter, before the
	 * session repository, tenant resolution and security.
	 */
	static final int BODY_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	/** Filter order of the input hygiene checks, right after the body limit. */
	static final int HYGIENE_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

	@Bean
	FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(EdgeProperties properties, ProblemResponses problems) {
		FilterRegistrationBean<BodyLimitFilter> registration = new FilterRegistrationBean<>(
				new BodyLimitFilter(new BodyLimits(properties.bodyLimit()), problems));
		registration.setOrder(BODY_LIMIT_ORDER);
		registration.setName("bodyLimit");
		return registration;
	}

	@Bean
	FilterRegistrationBean<InputHygieneFilter> inputHygieneFilter(EdgeProperties properties,
			ProblemResponses problems) {
		FilterRegistrationBean<InputHygieneFilter> registration = new FilterRegistrationBean<>(
				new InputHygieneFilter(problems, new BodyLimits(properties.bodyLimit())));
		registration.setOrder(HYGIENE_ORDER);
		registration.setName("inputHygiene");
		return registration;
	}

	@Bean
	JsonMapperBuilderCustomizer strictJsonInput() {
		return JsonInput::configure;
	}

	@Bean
	Instrumentation graphQlArgumentHygiene() {
		return GraphQlInputHygiene.arguments();
	}

	@Bean
	WebGraphQlInterceptor graphQlBoundedErrors() {
		return GraphQlInputHygiene.boundedErrors();
	}

	/**
	 * Tomcat's own refusals as problems; and form bodies, which Tomcat parses itself
	 * (sign-in pages, {@code /oauth2/token}), limited as the routes that take them, also
	 * when chunked.
	 */
	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> tomcatEdge(EdgeProperties properties) {
		return (factory) -> {
			factory.addContextCustomizers((context) -> {
				if (context.getParent() instanceof StandardHost host) {
					host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
				}
			});
			factory.addConnectorCustomizers((connector) -> connector
				.setMaxPostSize((int) Math.min(Integer.MAX_VALUE, properties.bodyLimit().other().toBytes())));
		};
	}

}

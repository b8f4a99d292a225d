package com.atelier.platform.outage.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jooq.autoconfigure.ExceptionTranslatorExecuteListener;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import com.atelier.platform.problem.ProblemResponses;

/**
 * What makes an unavailable database a 503 rather than a 500 outside the controllers, and
 * keeps it out of the log's stack traces (ADR 31).
 */
@Configuration(proxyBeanMethods = false)
public class OutageConfiguration {

	/**
	 * Filter order: before every other filter of ours and Spring Session's (which loads
	 * and saves sessions in PostgreSQL). A filter that touches the database must come
	 * after it.
	 */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	@Bean
	ExceptionTranslatorExecuteListener outageAwareExceptionTranslator() {
		return new OutageAwareExceptionTranslator();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication
	static class Web {

		@Bean
		FilterRegistrationBean<DatabaseOutageFilter> databaseOutageFilter(ProblemResponses problems) {
			FilterRegistrationBean<DatabaseOutageFilter> registration = new FilterRegistrationBean<>(
					new DatabaseOutageFilter(problems));
			registration.addUrlPatterns("/*");
			registration.setOrder(ORDER);
			registration.setName("databaseOutage");
			return registration;
		}

	}

}

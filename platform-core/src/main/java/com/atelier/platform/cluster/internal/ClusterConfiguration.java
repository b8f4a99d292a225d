package com.atelier.platform.cluster.internal;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Cluster signals over the application database. {@code atelier.cluster.listen=false}
 * (the CLI) publishes without holding a listening connection.
 */
@Configuration(proxyBeanMethods = false)
public class ClusterConfiguration {

	@Bean
	PgClusterSignals clusterSignals(Environment environment) {
		Binder binder = Binder.get(environment);
		String url = binder.bind("spring.datasource.url", String.class)
			.orElseThrow(() -> new IllegalStateException("No database configured (spring.datasource.url)"));
		return new PgClusterSignals(url, binder.bind("spring.datasource.username", String.class).orElse(null),
				binder.bind("spring.datasource.password", String.class).orElse(null),
				binder.bind("atelier.cluster.listen", Boolean.class).orElse(true));
	}

}

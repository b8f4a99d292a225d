package com.atelier.platform;

import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * Everything platform-core contributes to an application context. Import it from the
 * application (or a test configuration).
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@EntityScan
@EnableJpaRepositories
@PropertySource("classpath:atelier-platform-defaults.properties")
public class PlatformCoreConfiguration {

}

package com.atelier.reporting;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The reporting module's beans. Reports arrive with issue 6.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
public class ReportingConfiguration {

}

package com.atelier.admin;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The admin console API's beans. Its endpoints arrive with the identity work (issue 3).
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
public class TenantAdminConfiguration {

}

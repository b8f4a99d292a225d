package com.atelier.storefront;

import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The storefront API's beans. Its requests get their tenant from the host, set by the
 * tenant resolution filter of platform-core before any controller runs.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
public class StorefrontApiConfiguration {

}

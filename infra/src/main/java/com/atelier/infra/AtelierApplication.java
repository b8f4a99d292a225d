package com.atelier.infra;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

import com.atelier.admin.TenantAdminConfiguration;
import com.atelier.platform.PlatformCoreConfiguration;
import com.atelier.reporting.ReportingConfiguration;
import com.atelier.storefront.StorefrontApiConfiguration;

/**
 * The whole platform in one Spring Boot application: every module's configuration, plus
 * this module's web, demo and CLI support.
 */
@SpringBootApplication
@Import({ PlatformCoreConfiguration.class, TenantAdminConfiguration.class, StorefrontApiConfiguration.class,
		ReportingConfiguration.class })
public class AtelierApplication {

}

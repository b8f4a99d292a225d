package com.atelier.platform.tenancy.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code atelier.tenancy.*}.
 *
 * @param tenantChangelog class path location of the changelog applied to every tenant
 * schema
 * @param migrationLockTimeout how long a tenant migration waits for a lock before it
 * fails
 * @param migrationStatementTimeout how long one migration statement may run
 * @param directoryCacheTtl how long a host lookup may be served from cache if a change
 * notification is lost
 * @param migratePlatformOnStart whether start-up applies the platform changelog
 */
@ConfigurationProperties("atelier.tenancy")
public record TenancyProperties(@DefaultValue(TenancyConfiguration.TENANT_CHANGELOG) String tenantChangelog,
		@DefaultValue("30s") Duration migrationLockTimeout, @DefaultValue("10m") Duration migrationStatementTimeout,
		@DefaultValue("30s") Duration directoryCacheTtl, @DefaultValue("true") boolean migratePlatformOnStart) {

}

package com.atelier.platform.tenancy.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.hibernate.cfg.MultiTenancySettings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

import com.atelier.platform.cluster.ClusterSignals;
import com.atelier.platform.tenancy.TenantDirectory;
import com.atelier.platform.tenancy.TenantDsl;
import com.atelier.platform.tenancy.TenantExport;
import com.atelier.platform.tenancy.TenantMigrations;
import com.atelier.platform.tenancy.TenantProvisioning;
import com.atelier.platform.tenancy.TenantResolver;
import com.atelier.platform.tenancy.TenantSetup;
import com.atelier.platform.tenancy.SqlStatements;

/**
 * Wires tenancy: one pool behind one {@link ConnectionRouter}; the application's
 * {@code DataSource} routes by tenant context; Hibernate and jOOQ route through it too.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TenancyProperties.class)
public class TenancyConfiguration {

	static final String PLATFORM_CHANGELOG = "db/changelog/platform/changelog.xml";

	static final String TENANT_CHANGELOG = "db/changelog/tenant/changelog.xml";

	@Bean(destroyMethod = "close")
	ConnectionPool atelierConnectionPool(Environment environment) {
		Binder binder = Binder.get(environment);
		String url = binder.bind("spring.datasource.url", String.class)
			.orElseThrow(() -> new IllegalStateException("No database configured: set ATELIER_DB_URL (or"
					+ " spring.datasource.url); bin/atelier starts an embedded PostgreSQL when neither is set"));
		HikariConfig config = new HikariConfig();
		config.setPoolName("atelier");
		config.setMaximumPoolSize(10);
		// Bounded lifetime bounds the per-tenant catalog caches a backend accumulates.
		config.setMaxLifetime(600_000);
		// Fail fast when the database is unavailable (ADR 31): a request waits at most 2
		// s
		// for a connection, then answers 503; a dead idle connection is detected in 1 s.
		config.setConnectionTimeout(2_000);
		config.setValidationTimeout(1_000);
		config.setAutoCommit(true);
		binder.bind("spring.datasource.hikari", Bindable.ofInstance(config));
		config.setJdbcUrl(url);
		binder.bind("spring.datasource.username", String.class).ifBound(config::setUsername);
		binder.bind("spring.datasource.password", String.class).ifBound(config::setPassword);
		return new ConnectionPool(new HikariDataSource(config));
	}

	/**
	 * One tenant may hold at most {@code atelier.fairness.max-connections-per-tenant}
	 * connections (default: the pool less a fifth of it, at least one left for the
	 * others), waiting up to the pool's connection timeout for one.
	 */
	@Bean
	ConnectionRouter connectionRouter(ConnectionPool pool, Environment environment) {
		HikariDataSource hikari = pool.dataSource();
		int size = hikari.getMaximumPoolSize();
		int share = Binder.get(environment)
			.bind("atelier.fairness.max-connections-per-tenant", Integer.class)
			.orElse(Math.max(1, size - Math.max(1, size / 5)));
		return new ConnectionRouter(new FailFastPool(hikari), Math.min(share, size),
				java.time.Duration.ofMillis(hikari.getConnectionTimeout()));
	}

	@Bean
	@Primary
	DataSource dataSource(ConnectionRouter router) {
		return new TenantRoutingDataSource(router);
	}

	@Bean
	HibernatePropertiesCustomizer tenantRoutingHibernateProperties(ConnectionRouter router) {
		return (Map<String, Object> properties) -> {
			properties.put(MultiTenancySettings.MULTI_TENANT_CONNECTION_PROVIDER,
					new HibernateTenancy.ConnectionProvider(router));
			properties.put(MultiTenancySettings.MULTI_TENANT_IDENTIFIER_RESOLVER,
					new HibernateTenancy.TenantResolver());
		};
	}

	/** Counts statements per thread ({@link SqlStatements}). */
	@Bean
	org.jooq.ExecuteListenerProvider sqlStatementCounter() {
		return () -> new org.jooq.ExecuteListener() {

			@Override
			public void executeStart(org.jooq.ExecuteContext context) {
				SqlStatements.executed();
			}

		};
	}

	@Bean
	TenantDsl tenantDsl(org.jooq.Configuration jooqConfiguration) {
		return new JooqTenantDsl(jooqConfiguration);
	}

	@Bean
	LiquibaseRunner liquibaseRunner() {
		return new LiquibaseRunner(TenancyConfiguration.class.getClassLoader());
	}

	@Bean
	PlatformDatabase platformDatabase(ConnectionRouter router, LiquibaseRunner liquibase,
			TenancyProperties properties) {
		if (properties.migratePlatformOnStart()) {
			migratePlatform(router, liquibase);
		}
		return new PlatformDatabase(router);
	}

	@Bean
	TenantDirectory tenantDirectory(PlatformDatabase platform) {
		return new JooqTenantDirectory(platform);
	}

	@Bean
	TenantResolver tenantResolver(TenantDirectory directory, ClusterSignals signals, TenancyProperties properties) {
		return new CachingTenantResolver(directory, signals, properties.directoryCacheTtl());
	}

	@Bean
	TenantMigrations tenantMigrations(TenantDirectory directory, PlatformDatabase platform, ConnectionRouter router,
			LiquibaseRunner liquibase, TenancyProperties properties, ObjectProvider<TenantSetup> setups) {
		return new LiquibaseTenantMigrations(directory, platform, router, liquibase, properties.tenantChangelog(),
				properties.migrationLockTimeout(), properties.migrationStatementTimeout(),
				setups.orderedStream().toList());
	}

	@Bean
	TenantProvisioning tenantProvisioning(PlatformDatabase platform, ConnectionRouter router, LiquibaseRunner liquibase,
			TenancyProperties properties, TenantMigrations migrations, ObjectProvider<TenantSetup> setups) {
		List<TenantSetup> ordered = setups.orderedStream().toList();
		return new DefaultTenantProvisioning(platform, router, liquibase, properties.tenantChangelog(),
				migrations::head, ordered);
	}

	@Bean
	TenantExport tenantExport(TenantDirectory directory, ConnectionRouter router) {
		return new CsvTenantExport(directory, router);
	}

	private static void migratePlatform(ConnectionRouter router, LiquibaseRunner liquibase) {
		try (Connection connection = router.borrowPlatform()) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("create schema if not exists " + ConnectionRouter.PLATFORM_SCHEMA);
			}
			liquibase.update(connection, ConnectionRouter.PLATFORM_SCHEMA, PLATFORM_CHANGELOG);
			router.forget(connection);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot migrate the platform schema: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Holds the pool without exposing it as a {@code DataSource} bean: nothing may borrow
	 * from it except the router.
	 */
	static final class ConnectionPool implements AutoCloseable {

		private final HikariDataSource dataSource;

		ConnectionPool(HikariDataSource dataSource) {
			this.dataSource = dataSource;
		}

		HikariDataSource dataSource() {
			return this.dataSource;
		}

		@Override
		public void close() {
			this.dataSource.close();
		}

	}

}

package com.atelier.platform.ratelimit.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionOperations;

import com.atelier.platform.cluster.ClusterSignals;
import com.atelier.platform.identity.AuditLog;
import com.atelier.platform.jobs.PeriodicJob;
import com.atelier.platform.problem.ProblemResponses;
import com.atelier.platform.ratelimit.Limit;
import com.atelier.platform.ratelimit.RateLimitFilter;
import com.atelier.platform.ratelimit.RateLimitFilter.Check;
import com.atelier.platform.ratelimit.RateLimitRule;
import com.atelier.platform.ratelimit.RateLimits;
import com.atelier.platform.tenancy.PlatformDsl;
import com.atelier.platform.tenancy.TenantDsl;
import com.atelier.platform.tenancy.web.TenancyWebConfiguration;

/**
 * Rate limits ({@code atelier.rate-limits.*}) and fairness ({@code atelier.fairness.*}).
 * The storefront's and the authorization server's limits are servlet filters right after
 * tenant resolution, ahead of security, so a refused request costs no token check; the
 * admin and operator APIs add a {@link RateLimitFilter} to their own chains, after
 * authentication.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

	private static final Logger log = LoggerFactory.getLogger(RateLimitConfiguration.class);

	static final String STOREFRONT = "/storefront/";

	static final String PAYMENT_WEBHOOKS = "/storefront/api/v1/payments/";

	@Bean
	JooqTenantRateLimits tenantRateLimits(PlatformDsl platform, TenantDsl tenantDb, TransactionOperations transactions,
			AuditLog audit, ClusterSignals signals, RateLimitProperties properties) {
		return new JooqTenantRateLimits(platform, tenantDb, transactions, audit, signals, properties.defaultLimits());
	}

	@Bean
	PostgreSQLSelectForUpdateBasedProxyManager<String> rateLimitBuckets(PlatformDsl platform) {
		return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(platform.qualifiedDataSource())
			.primaryKeyMapper(PrimaryKeyMapper.STRING)
			.table("platform.rate_limit_buckets")
			.idColumn("id")
			.stateColumn("state")
			.expiresAtColumn("expires_at")
			.expirationAfterWrite(
					ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
			.build();
	}

	@Bean
	RateLimits rateLimits(RateLimitProperties properties, JooqTenantRateLimits tenantLimits,
			PostgreSQLSelectForUpdateBasedProxyManager<String> buckets) {
		if (!properties.enabled()) {
			log.info("Rate limits are off (atelier.rate-limits.enabled=false)");
			return (rule, tenant, subject) -> RateLimits.Decision.allow(tenantLimits.limit(rule, tenant));
		}
		return new Bucket4jRateLimits(buckets, tenantLimits::limit, properties.syncInterval(), properties.syncShare(),
				properties.localBuckets());
	}

	/** Removes buckets nobody used since they filled up again. */
	@Bean
	PeriodicJob expiredRateLimitBuckets(PostgreSQLSelectForUpdateBasedProxyManager<String> buckets,
			RateLimitProperties properties, @Value("${atelier.jobs.enabled:true}") boolean enabled) {
		return new PeriodicJob("rate-limit-cleanup", () -> {
			while (buckets.removeExpired(1_000) == 1_000) {
				// more to remove
			}
		}, enabled && properties.enabled(), Duration.ofMinutes(1));
	}

	@Bean
	@ConditionalOnWebApplication
	FilterRegistrationBean<RateLimitFilter> tenantEdgeRateLimits(RateLimits limits, ProblemResponses problems) {
		FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(
				new RateLimitFilter(limits, problems, edgeChecks()));
		registration.addUrlPatterns("/storefront/*", "/oauth2/*", "/login/*");
		registration.setOrder(TenancyWebConfiguration.ORDER + 6);
		registration.setName("tenantRateLimits");
		return registration;
	}

	/**
	 * Storefront requests per address and per brand (payment webhooks, which providers
	 * send and sign, excepted); checkouts per address; account requests (sign-up,
	 * verification, sign-in and token requests) per address.
	 */
	static List<Check> edgeChecks() {
		return List.of(Check.perAddress(RateLimitRule.ACCOUNT_IP, RateLimitConfiguration::accountRequest),
				Check.perAddress(RateLimitRule.CHECKOUT_IP, RateLimitConfiguration::checkout),
				Check.perAddress(RateLimitRule.STOREFRONT_IP, RateLimitConfiguration::storefront),
				Check.perBrand(RateLimitRule.STOREFRONT_BRAND, RateLimitConfiguration::storefront));
	}

	private static boolean storefront(HttpServletRequest request) {
		String path = request.getRequestURI();
		return path.startsWith(STOREFRONT) && !path.startsWith(PAYMENT_WEBHOOKS);
	}

	private static boolean checkout(HttpServletRequest request) {
		String path = request.getRequestURI();
		return "POST".equals(request.getMethod()) && path.startsWith("/storefront/api/v1/carts/")
				&& path.endsWith("/checkout");
	}

	private static boolean accountRequest(HttpServletRequest request) {
		if (!"POST".equals(request.getMethod())) {
			return false;
		}
		String path = request.getRequestURI();
		return path.equals("/oauth2/token") || path.startsWith("/login/") || path.equals("/storefront/api/v1/customers")
				|| path.equals("/storefront/api/v1/customers/verify");
	}

	/**
	 * At most {@code atelier.fairness.max-requests-per-tenant} requests of one brand in
	 * progress on a node (default three quarters of Tomcat's workers).
	 */
	@Bean
	@ConditionalOnWebApplication
	FilterRegistrationBean<TenantFairnessFilter> tenantFairness(ProblemResponses problems,
			@Value("${server.tomcat.threads.max:200}") int workers,
			@Value("${atelier.fairness.max-requests-per-tenant:0}") int maxRequests) {
		int share = (maxRequests > 0) ? maxRequests : Math.max(1, workers * 3 / 4);
		FilterRegistrationBean<TenantFairnessFilter> registration = new FilterRegistrationBean<>(
				new TenantFairnessFilter(share, problems));
		registration.addUrlPatterns(TenancyWebConfiguration.TENANT_PATHS);
		registration.setOrder(TenancyWebConfiguration.ORDER + 5);
		registration.setName("tenantFairness");
		return registration;
	}

	/** Every rule's default, for documentation and the operator API. */
	static Map<RateLimitRule, Limit> defaults(RateLimitProperties properties) {
		return properties.defaultLimits();
	}

}

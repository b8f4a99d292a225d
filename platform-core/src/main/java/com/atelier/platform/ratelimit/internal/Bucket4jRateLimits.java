package com.atelier.platform.ratelimit.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.atelier.platform.ratelimit.Limit;
import com.atelier.platform.ratelimit.RateLimitRule;
import com.atelier.platform.ratelimit.RateLimits;
import com.atelier.platform.tenancy.TenantId;

/**
 * Bucket4j token buckets whose state lives in {@code platform.rate_limit_buckets}, so a
 * limit holds across nodes. Each node counts a bucket on its own for up to
 * {@code syncShare} of its tokens or {@code syncInterval}, then reconciles with
 * PostgreSQL in one short transaction (Bucket4j's delaying optimization): a busy bucket
 * costs one round trip per many requests, and N nodes overshoot a limit by at most N
 * shares. A bucket's key carries its limit, so a changed limit starts a fresh bucket.
 * When PostgreSQL cannot be reached the request is let through (the limit fails open) and
 * the outage is logged once.
 */
final class Bucket4jRateLimits implements RateLimits {

	private static final Logger log = LoggerFactory.getLogger(Bucket4jRateLimits.class);

	private final ProxyManager<String> buckets;

	private final BiFunction<RateLimitRule, @Nullable TenantId, Limit> limits;

	private final Duration syncInterval;

	private final double syncShare;

	private final Cache<String, BucketProxy> local;

	private final AtomicLong failingSince = new AtomicLong();

	Bucket4jRateLimits(ProxyManager<String> buckets, BiFunction<RateLimitRule, @Nullable TenantId, Limit> limits,
			Duration syncInterval, double syncShare, long localBuckets) {
		this.buckets = buckets;
		this.limits = limits;
		this.syncInterval = syncInterval;
		this.syncShare = syncShare;
		this.local = Caffeine.newBuilder().maximumSize(localBuckets).expireAfterAccess(Duration.ofMinutes(10)).build();
	}

	@Override
	public Decision take(RateLimitRule rule, @Nullable TenantId tenant, String subject) {
		Limit limit = this.limits.apply(rule, tenant);
		String key = rule.id() + "|" + ((tenant != null) ? tenant : "-") + "|" + subject + "|" + limit;
		try {
			BucketProxy bucket = this.local.get(key, (k) -> bucket(k, limit));
			ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
			recovered();
			return probe.isConsumed() ? Decision.allow(limit)
					: new Decision(false, limit, Duration.ofNanos(probe.getNanosToWaitForRefill()));
		}
		catch (RuntimeException ex) {
			if (this.failingSince.compareAndSet(0, System.currentTimeMillis())) {
				log.warn("Rate limits cannot reach PostgreSQL ({}); requests are let through until it answers",
						ex.toString());
			}
			return Decision.allow(limit);
		}
	}

	private void recovered() {
		if (this.failingSince.get() != 0 && this.failingSince.getAndSet(0) != 0) {
			log.info("Rate limits reach PostgreSQL again");
		}
	}

	private BucketProxy bucket(String key, Limit limit) {
		long share = Math.max(1, (long) Math.floor(limit.requests() * this.syncShare));
		return this.buckets.builder()
			.withOptimization(Optimizations.delaying(new DelayParameters(share, this.syncInterval)))
			.build(key, () -> configuration(limit));
	}

	static BucketConfiguration configuration(Limit limit) {
		return BucketConfiguration.builder()
			.addLimit(Bandwidth.builder()
				.capacity(limit.requests())
				.refillGreedy(limit.requests(), limit.period())
				.build())
			.build();
	}

	/** Local buckets (tests). */
	Map<String, BucketProxy> localBuckets() {
		return this.local.asMap();
	}

}

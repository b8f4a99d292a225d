package com.atelier.platform.ratelimit.internal;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionOperations;

import com.atelier.platform.cluster.ClusterSignals;
import com.atelier.platform.identity.Actor;
import com.atelier.platform.identity.AuditLog;
import com.atelier.platform.ratelimit.InvalidRateLimit;
import com.atelier.platform.ratelimit.Limit;
import com.atelier.platform.ratelimit.RateLimitRule;
import com.atelier.platform.ratelimit.TenantRateLimits;
import com.atelier.platform.tenancy.PlatformDsl;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantDsl;
import com.atelier.platform.tenancy.TenantId;
import com.atelier.platform.tenancy.TenantRef;

import static com.atelier.platform.jooq.platform.Tables.TENANT_RATE_LIMITS;

/**
 * Brands' own limits in {@code platform.tenant_rate_limits}, cached per brand on each
 * node; a change is signalled on {@value #CHANNEL} after it commits, and the cache's TTL
 * is the backstop for a lost signal.
 */
final class JooqTenantRateLimits implements TenantRateLimits {

	static final String CHANNEL = "atelier_rate_limits";

	private final PlatformDsl platform;

	private final TenantDsl tenantDb;

	private final TransactionOperations transactions;

	private final AuditLog audit;

	private final ClusterSignals signals;

	private final Map<RateLimitRule, Limit> defaults;

	private final Cache<TenantId, Map<RateLimitRule, Limit>> own = Caffeine.newBuilder()
		.maximumSize(20_000)
		.expireAfterWrite(Duration.ofSeconds(30))
		.build();

	JooqTenantRateLimits(PlatformDsl platform, TenantDsl tenantDb, TransactionOperations transactions, AuditLog audit,
			ClusterSignals signals, Map<RateLimitRule, Limit> defaults) {
		this.platform = platform;
		this.tenantDb = tenantDb;
		this.transactions = transactions;
		this.audit = audit;
		this.signals = signals;
		this.defaults = Map.copyOf(defaults);
		signals.subscribe(CHANNEL, new ClusterSignals.Subscriber() {

			@Override
			public void onMessage(String payload) {
				try {
					JooqTenantRateLimits.this.own.invalidate(new TenantId(UUID.fromString(payload)));
				}
				catch (IllegalArgumentException ex) {
					JooqTenantRateLimits.this.own.invalidateAll();
				}
			}

			@Override
			public void onReconnect() {
				JooqTenantRateLimits.this.own.invalidateAll();
			}

		});
	}

	/** The limit that applies to a rule: the brand's own, else the default. */
	Limit limit(RateLimitRule rule, @Nullable TenantId tenant) {
		if (tenant == null || !rule.perBrand()) {
			return this.defaults.get(rule);
		}
		Limit brand = this.own.get(tenant, this::load).get(rule);
		return (brand != null) ? brand : this.defaults.get(rule);
	}

	@Override
	public Map<RateLimitRule, Effective> effective(TenantId tenant) {
		Map<RateLimitRule, Limit> brand = load(tenant);
		Map<RateLimitRule, Effective> effective = new EnumMap<>(RateLimitRule.class);
		for (RateLimitRule rule : RateLimitRule.values()) {
			if (rule.perBrand()) {
				Limit limit = brand.get(rule);
				effective.put(rule,
						(limit != null) ? new Effective(limit, true) : new Effective(this.defaults.get(rule), false));
			}
		}
		return effective;
	}

	@Override
	public void set(TenantRef tenant, RateLimitRule rule, Limit limit, Actor actor) {
		requirePerBrand(rule);
		change(tenant, rule, limit, actor);
	}

	@Override
	public void reset(TenantRef tenant, RateLimitRule rule, Actor actor) {
		requirePerBrand(rule);
		change(tenant, rule, null, actor);
	}

	private void change(TenantRef tenant, RateLimitRule rule, @Nullable Limit limit, Actor actor) {
		TenantContext.run(tenant, () -> this.transactions.executeWithoutResult((status) -> {
			var dsl = this.tenantDb.dsl();
			var before = dsl.selectFrom(TENANT_RATE_LIMITS)
				.where(TENANT_RATE_LIMITS.TENANT_ID.eq(tenant.id().value()), TENANT_RATE_LIMITS.RULE.eq(rule.id()))
				.forUpdate()
				.fetchOptional()
				.map((row) -> new Limit(row.getRequests(), Duration.ofSeconds(row.getPeriodSeconds())).toString())
				.orElse(null);
			if (limit == null) {
				if (before == null) {
					return;
				}
				dsl.deleteFrom(TENANT_RATE_LIMITS)
					.where(TENANT_RATE_LIMITS.TENANT_ID.eq(tenant.id().value()), TENANT_RATE_LIMITS.RULE.eq(rule.id()))
					.execute();
			}
			else {
				dsl.insertInto(TENANT_RATE_LIMITS)
					.set(TENANT_RATE_LIMITS.TENANT_ID, tenant.id().value())
					.set(TENANT_RATE_LIMITS.RULE, rule.id())
					.set(TENANT_RATE_LIMITS.REQUESTS, Math.toIntExact(limit.requests()))
					.set(TENANT_RATE_LIMITS.PERIOD_SECONDS, Math.toIntExact(limit.period().toSeconds()))
					.set(TENANT_RATE_LIMITS.UPDATED_BY, actor.name())
					.onConflict(TENANT_RATE_LIMITS.TENANT_ID, TENANT_RATE_LIMITS.RULE)
					.doUpdate()
					.set(TENANT_RATE_LIMITS.REQUESTS, Math.toIntExact(limit.requests()))
					.set(TENANT_RATE_LIMITS.PERIOD_SECONDS, Math.toIntExact(limit.period().toSeconds()))
					.set(TENANT_RATE_LIMITS.UPDATED_BY, actor.name())
					.set(TENANT_RATE_LIMITS.UPDATED_AT, java.time.OffsetDateTime.now())
					.execute();
			}
			this.audit.record(actor, (limit == null) ? "rate-limit.reset" : "rate-limit.set", "rate-limit", rule.id(),
					(before != null) ? Map.of("limit", before) : null,
					(limit != null) ? Map.of("limit", limit.toString()) : null);
			this.signals.publishAfterCommit(CHANNEL, tenant.id().toString());
		}));
		this.own.invalidate(tenant.id());
	}

	private static void requirePerBrand(RateLimitRule rule) {
		if (!rule.perBrand()) {
			throw new InvalidRateLimit("rule", "'" + rule.id() + "' is platform-wide, not per brand");
		}
	}

	private Map<RateLimitRule, Limit> load(TenantId tenant) {
		Map<RateLimitRule, Limit> limits = new EnumMap<>(RateLimitRule.class);
		this.platform.dsl()
			.selectFrom(TENANT_RATE_LIMITS)
			.where(TENANT_RATE_LIMITS.TENANT_ID.eq(tenant.value()))
			.fetch()
			.forEach((row) -> RateLimitRule.of(row.getRule())
				.filter(RateLimitRule::perBrand)
				.ifPresent((rule) -> limits.put(rule,
						new Limit(row.getRequests(), Duration.ofSeconds(row.getPeriodSeconds())))));
		return limits;
	}

}

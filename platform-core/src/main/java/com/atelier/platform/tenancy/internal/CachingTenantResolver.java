package com.atelier.platform.tenancy.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import com.atelier.platform.cluster.ClusterSignals;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantDirectory;
import com.atelier.platform.tenancy.TenantResolver;
import com.atelier.platform.tenancy.TenantStatus;
import com.atelier.platform.tenancy.TenantSuspended;
import com.atelier.platform.tenancy.UnknownTenant;

/**
 * Host to tenant, cached. Every directory change notifies {@value #CHANNEL}; every node
 * then clears its cache, and clears it again after its listener reconnects. The TTL
 * bounds how stale an answer can be if a notification is lost anyway.
 */
final class CachingTenantResolver implements TenantResolver {

	/** The channel directory changes are announced on. */
	static final String CHANNEL = "atelier_tenants";

	private final TenantDirectory directory;

	private final Cache<String, Optional<Tenant>> byHost;

	CachingTenantResolver(TenantDirectory directory, ClusterSignals signals, Duration ttl) {
		this.directory = directory;
		this.byHost = Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(ttl).build();
		signals.subscribe(CHANNEL, new ClusterSignals.Subscriber() {

			@Override
			public void onMessage(String payload) {
				invalidateAll();
			}

			@Override
			public void onReconnect() {
				invalidateAll();
			}

		});
	}

	@Override
	public Tenant resolve(String host) {
		String key = host.toLowerCase(Locale.ROOT);
		Tenant tenant = this.byHost.get(key, this.directory::findByHost)
			.filter((t) -> t.status() != TenantStatus.PROVISIONING)
			.orElseThrow(() -> UnknownTenant.forHost(host));
		if (tenant.status() == TenantStatus.SUSPENDED) {
			throw new TenantSuspended(tenant.slug());
		}
		return tenant;
	}

	@Override
	public void invalidateAll() {
		this.byHost.invalidateAll();
	}

}

package com.atelier.platform.identity.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;

import com.atelier.platform.cluster.ClusterSignals;
import com.atelier.platform.identity.Integration;
import com.atelier.platform.identity.StaffMember;
import com.atelier.platform.tenancy.TenantContext;

/**
 * Staff members and integrations as the resource servers check them on every request:
 * cached for a few seconds, keyed by tenant, and cleared on every node when one changes
 * ({@value #CHANNEL}).
 */
@Component
class PrincipalCache {

	static final String CHANNEL = "atelier_principals";

	private final Cache<String, Optional<StaffMember>> staff = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterWrite(Duration.ofSeconds(10))
		.build();

	private final Cache<String, Optional<Integration>> clients = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterWrite(Duration.ofSeconds(10))
		.build();

	private final ClusterSignals signals;

	PrincipalCache(ClusterSignals signals) {
		this.signals = signals;
		signals.subscribe(CHANNEL, new ClusterSignals.Subscriber() {

			@Override
			public void onMessage(String payload) {
				clear();
			}

			@Override
			public void onReconnect() {
				clear();
			}

		});
	}

	Optional<StaffMember> staff(UUID id, Supplier<Optional<StaffMember>> loader) {
		return this.staff.get(TenantContext.require().id() + "/" + id, (key) -> loader.get());
	}

	Optional<Integration> client(String clientId, Supplier<Optional<Integration>> loader) {
		return this.clients.get(TenantContext.require().id() + "/" + clientId, (key) -> loader.get());
	}

	void forgetStaff(UUID id) {
		forget();
	}

	void forgetClient(String clientId) {
		forget();
	}

	private void forget() {
		clear();
		this.signals.publishAfterCommit(CHANNEL, "changed");
	}

	private void clear() {
		this.staff.invalidateAll();
		this.clients.invalidateAll();
	}

}

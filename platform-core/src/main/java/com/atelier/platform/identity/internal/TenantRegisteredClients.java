package com.atelier.platform.identity.internal;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import com.atelier.platform.cluster.ClusterSignals;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantDsl;

import static com.atelier.platform.jooq.tenant_template.Tables.OAUTH2_REGISTERED_CLIENT;

/**
 * Spring Authorization Server's JDBC client repository on the routed {@code DataSource},
 * so each tenant's clients live in its schema, with a per-tenant cache in front (every
 * token request looks its client up). Changes clear the cache on every node
 * ({@value #CHANNEL}).
 */
final class TenantRegisteredClients implements RegisteredClientRepository {

	static final String CHANNEL = "atelier_clients";

	private final JdbcRegisteredClientRepository delegate;

	private final TenantDsl db;

	private final ClusterSignals signals;

	private final Cache<String, Optional<RegisteredClient>> cache = Caffeine.newBuilder()
		.maximumSize(50_000)
		.expireAfterWrite(Duration.ofMinutes(5))
		.build();

	TenantRegisteredClients(JdbcOperations jdbc, TenantDsl db, ClusterSignals signals) {
		this.delegate = new JdbcRegisteredClientRepository(jdbc);
		this.db = db;
		this.signals = signals;
		signals.subscribe(CHANNEL, new ClusterSignals.Subscriber() {

			@Override
			public void onMessage(String payload) {
				TenantRegisteredClients.this.cache.invalidateAll();
			}

			@Override
			public void onReconnect() {
				TenantRegisteredClients.this.cache.invalidateAll();
			}

		});
	}

	@Override
	public void save(RegisteredClient registeredClient) {
		this.delegate.save(registeredClient);
		changed();
	}

	@Override
	public @Nullable RegisteredClient findById(String id) {
		return this.cache.get(key("id", id), (k) -> Optional.ofNullable(this.delegate.findById(id))).orElse(null);
	}

	@Override
	public @Nullable RegisteredClient findByClientId(String clientId) {
		return this.cache
			.get(key("client", clientId), (k) -> Optional.ofNullable(this.delegate.findByClientId(clientId)))
			.orElse(null);
	}

	void delete(RegisteredClient client) {
		this.db.dsl()
			.deleteFrom(OAUTH2_REGISTERED_CLIENT)
			.where(OAUTH2_REGISTERED_CLIENT.ID.eq(client.getId()))
			.execute();
		changed();
	}

	private void changed() {
		this.cache.invalidateAll();
		this.signals.publishAfterCommit(CHANNEL, TenantContext.require().id().toString());
	}

	private static String key(String kind, String value) {
		return TenantContext.require().id() + "/" + kind + "/" + value;
	}

}

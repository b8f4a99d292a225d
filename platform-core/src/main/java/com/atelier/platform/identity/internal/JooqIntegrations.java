package com.atelier.platform.identity.internal;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jooq.Record;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.atelier.platform.identity.Actor;
import com.atelier.platform.identity.Audience;
import com.atelier.platform.identity.AuditLog;
import com.atelier.platform.identity.Integration;
import com.atelier.platform.identity.Integrations;
import com.atelier.platform.identity.InvalidIdentityRequest;
import com.atelier.platform.identity.Permission;
import com.atelier.platform.identity.UnknownPrincipal;
import com.atelier.platform.tenancy.TenantDsl;
import com.atelier.platform.problem.Problems;

import static com.atelier.platform.jooq.tenant_template.Tables.INTEGRATIONS;
import static com.atelier.platform.jooq.tenant_template.Tables.OAUTH2_AUTHORIZATION;

/**
 * Brand integrations: confidential OAuth2 clients (client credentials) registered in the
 * tenant's schema, with a secret shown once and stored as a SHA-256 hash.
 */
@Service
@Transactional
class JooqIntegrations implements Integrations {

	private final TenantDsl db;

	private final TenantRegisteredClients clients;

	private final AuditLog audit;

	private final PrincipalCache principals;

	JooqIntegrations(TenantDsl db, TenantRegisteredClients clients, AuditLog audit, PrincipalCache principals) {
		this.db = db;
		this.clients = clients;
		this.audit = audit;
		this.principals = principals;
	}

	@Override
	public Credentials create(String name, Set<Permission> scopes, Actor actor) {
		String label = name.strip();
		if (label.isEmpty() || label.length() > 200) {
			throw InvalidIdentityRequest.of("name", "must be 1 to 200 characters");
		}
		if (scopes.isEmpty()) {
			throw InvalidIdentityRequest.of("scopes", "at least one of "
					+ Arrays.stream(Permission.values()).map(Permission::scope).collect(Collectors.joining(", ")));
		}
		String clientId = "int_" + Secrets.generate("").substring(0, 20).replace('-', 'x').replace('_', 'y');
		String secret = Secrets.generate("atl_cs_");
		RegisteredClient client = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientName(label)
			.clientSecret("{sha256}" + Sha256SecretEncoder.hash(secret))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scopes((s) -> scopes.forEach((p) -> s.add(p.scope())))
			.clientSettings(ClientSettings.builder()
				.requireAuthorizationConsent(false)
				.setting(IdentitySettings.AUDIENCE, Audience.ADMIN.setting())
				.build())
			.tokenSettings(TokenSettings.builder().accessTokenTimeToLive(IdentityProperties.FIXED_TOKEN_TTL).build())
			.build();
		this.clients.save(client);
		this.db.dsl()
			.insertInto(INTEGRATIONS)
			.set(INTEGRATIONS.CLIENT_ID, clientId)
			.set(INTEGRATIONS.NAME, label)
			.set(INTEGRATIONS.SCOPES, scopes.stream().map(Permission::scope).sorted().toArray(String[]::new))
			.set(INTEGRATIONS.CREATED_BY, actor.name())
			.execute();
		this.audit.record(actor, "integration.created", "integration", clientId, null, find(clientId).orElseThrow());
		return new Credentials(clientId, secret);
	}

	@Override
	@Transactional(readOnly = true)
	public List<Integration> list() {
		return this.db.dsl()
			.selectFrom(INTEGRATIONS)
			.orderBy(INTEGRATIONS.CREATED_AT)
			.fetch(JooqIntegrations::toIntegration);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<Integration> find(String clientId) {
		return this.db.dsl()
			.selectFrom(INTEGRATIONS)
			.where(INTEGRATIONS.CLIENT_ID.eq(clientId))
			.fetchOptional(JooqIntegrations::toIntegration);
	}

	@Override
	public boolean revoke(String clientId, Actor actor) {
		Integration before = find(clientId)
			.orElseThrow(() -> new UnknownPrincipal("No integration with client id " + Problems.quote(clientId) + "."));
		if (!before.active()) {
			return false;
		}
		this.db.dsl()
			.update(INTEGRATIONS)
			.set(INTEGRATIONS.REVOKED_AT, OffsetDateTime.now())
			.where(INTEGRATIONS.CLIENT_ID.eq(clientId))
			.execute();
		RegisteredClient client = this.clients.findByClientId(clientId);
		if (client != null) {
			this.db.dsl()
				.deleteFrom(OAUTH2_AUTHORIZATION)
				.where(OAUTH2_AUTHORIZATION.REGISTERED_CLIENT_ID.eq(client.getId()))
				.execute();
			this.clients.delete(client);
		}
		this.audit.record(actor, "integration.revoked", "integration", clientId, before, find(clientId).orElseThrow());
		this.principals.forgetClient(clientId);
		return true;
	}

	static Integration toIntegration(Record r) {
		Set<Permission> scopes = EnumSet.noneOf(Permission.class);
		for (String scope : r.get(INTEGRATIONS.SCOPES)) {
			Permission.fromScope(scope).ifPresent(scopes::add);
		}
		return new Integration(r.get(INTEGRATIONS.CLIENT_ID), r.get(INTEGRATIONS.NAME), scopes,
				r.get(INTEGRATIONS.CREATED_AT).toInstant(), r.get(INTEGRATIONS.CREATED_BY),
				(r.get(INTEGRATIONS.REVOKED_AT) != null) ? r.get(INTEGRATIONS.REVOKED_AT).toInstant() : null);
	}

}

package com.atelier.platform.identity.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.atelier.platform.identity.Actor;
import com.atelier.platform.identity.AuditLog;
import com.atelier.platform.identity.SigningKeys;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantDsl;
import com.atelier.platform.tenancy.TenantRef;

import static com.atelier.platform.jooq.tenant_template.Tables.SIGNING_KEYS;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.val;

/**
 * Rotation and listing of the current tenant's signing keys.
 */
@Service
@Transactional
class JooqSigningKeys implements SigningKeys {

	private final TenantDsl db;

	private final TenantKeyRing ring;

	private final AuditLog audit;

	JooqSigningKeys(TenantDsl db, TenantKeyRing ring, AuditLog audit) {
		this.db = db;
		this.ring = ring;
		this.audit = audit;
	}

	@Override
	public String rotate(Actor actor) {
		return rotate(actor, false);
	}

	@Override
	public String rotate(Actor actor, boolean emergency) {
		TenantRef tenant = TenantContext.require();
		TenantKeyRing.Rotation rotation = this.ring.rotate(this.db.dsl(), tenant.id(), emergency);
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("kid", rotation.kid());
		if (emergency) {
			after.put("emergency", true);
			after.put("revoked", rotation.revoked());
		}
		this.audit.record(actor, emergency ? "signing-key.revoked" : "signing-key.rotated", "signing-key",
				rotation.kid(), null, after);
		// Every node reloads this tenant's keys when the rotation commits.
		this.db.dsl()
			.select(function("pg_notify", String.class, val(TenantKeyRing.CHANNEL), val(tenant.id().toString())))
			.fetch();
		this.ring.forget(tenant.id());
		return rotation.kid();
	}

	@Override
	@Transactional(readOnly = true)
	public List<KeyInfo> list() {
		return this.db.dsl()
			.selectFrom(SIGNING_KEYS)
			.orderBy(SIGNING_KEYS.CREATED_AT.desc())
			.fetch((r) -> new KeyInfo(r.getKid(), r.getAlgorithm(), status(r.getStatus()), r.getCreatedAt().toInstant(),
					(r.getRetiredAt() != null) ? r.getRetiredAt().toInstant() : null));
	}

	private static KeyInfo.Status status(String stored) {
		return switch (stored) {
			case "ACTIVE" -> KeyInfo.Status.SIGNING;
			case TenantKeyRing.REVOKED -> KeyInfo.Status.REVOKED;
			default -> KeyInfo.Status.RETIRED;
		};
	}

}

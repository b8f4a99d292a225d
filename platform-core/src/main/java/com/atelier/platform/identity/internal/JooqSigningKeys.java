package com.atelier.platform.identity.internal;

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
		TenantRef tenant = TenantContext.require();
		String kid = this.ring.rotate(this.db.dsl(), tenant.id());
		this.audit.record(actor, "signing-key.rotated", "signing-key", kid, null, Map.of("kid", kid));
		// Every node reloads this tenant's keys when the rotation commits.
		this.db.dsl()
			.select(function("pg_notify", String.class, val(TenantKeyRing.CHANNEL), val(tenant.id().toString())))
			.fetch();
		this.ring.forget(tenant.id());
		return kid;
	}

	@Override
	@Transactional(readOnly = true)
	public List<KeyInfo> list() {
		return this.db.dsl()
			.selectFrom(SIGNING_KEYS)
			.orderBy(SIGNING_KEYS.CREATED_AT.desc())
			.fetch((r) -> new KeyInfo(r.getKid(), r.getAlgorithm(), "ACTIVE".equals(r.getStatus()),
					r.getCreatedAt().toInstant(), (r.getRetiredAt() != null) ? r.getRetiredAt().toInstant() : null));
	}

}

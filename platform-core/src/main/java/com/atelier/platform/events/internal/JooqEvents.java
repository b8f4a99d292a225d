package com.atelier.platform.events.internal;

import java.util.Map;
import java.util.UUID;

import org.jooq.JSONB;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.atelier.platform.events.Events;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantDsl;

import static com.atelier.platform.jooq.platform.Tables.OUTBOX;

/**
 * Writes events to {@code platform.outbox} through the tenant's own connection, so the
 * insert commits or rolls back with the change.
 */
@Service
class JooqEvents implements Events {

	private final TenantDsl db;

	private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

	JooqEvents(TenantDsl db) {
		this.db = db;
	}

	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public UUID publish(String type, String aggregateType, String aggregateId, Map<String, ?> payload) {
		UUID id = UUID.randomUUID();
		this.db.dsl()
			.insertInto(OUTBOX)
			.set(OUTBOX.EVENT_ID, id)
			.set(OUTBOX.TENANT_ID, TenantContext.require().id().value())
			.set(OUTBOX.TYPE, type)
			.set(OUTBOX.AGGREGATE_TYPE, aggregateType)
			.set(OUTBOX.AGGREGATE_ID, aggregateId)
			.set(OUTBOX.PAYLOAD, JSONB.valueOf(this.json.writeValueAsString(payload)))
			.execute();
		return id;
	}

}

package com.atelier.platform.events.internal;

import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.atelier.platform.events.Events;
import com.atelier.platform.tenancy.PlainSql;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantDsl;

/**
 * Writes events to {@code platform.outbox} through the tenant's own connection, so the
 * insert commits or rolls back with the change.
 */
@Service
class JooqEvents implements Events {

	private final TenantDsl db;

	private static final String INSERT = "insert into platform.outbox (event_id, tenant_id, type, aggregate_type,"
			+ " aggregate_id, payload) values (?, ?, ?, ?, ?, ?::jsonb)";

	private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

	JooqEvents(TenantDsl db) {
		this.db = db;
	}

	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public UUID publish(String type, String aggregateType, String aggregateId, Map<String, ?> payload) {
		UUID id = UUID.randomUUID();
		// Plain SQL: this runs in every order change, and the statement never varies.
		PlainSql.update(this.db.dsl(), INSERT, id, TenantContext.require().id().value(), type, aggregateType,
				aggregateId, this.json.writeValueAsString(payload));
		return id;
	}

}

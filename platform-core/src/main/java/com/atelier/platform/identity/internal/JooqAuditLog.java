package com.atelier.platform.identity.internal;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.jooq.JSONB;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.atelier.platform.identity.Actor;
import com.atelier.platform.identity.AuditEvent;
import com.atelier.platform.identity.AuditLog;
import com.atelier.platform.identity.InvalidIdentityRequest;
import com.atelier.platform.tenancy.TenantDsl;

import static com.atelier.platform.jooq.tenant_template.Tables.AUDIT_EVENTS;
import static org.jooq.impl.DSL.row;

/**
 * The audit log in the tenant's schema; pages by (occurred_at, id), newest first.
 */
@Service
class JooqAuditLog implements AuditLog {

	private final TenantDsl db;

	private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

	JooqAuditLog(TenantDsl db) {
		this.db = db;
	}

	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(Actor actor, String action, String resourceType, @Nullable String resourceId,
			@Nullable Object before, @Nullable Object after) {
		this.db.dsl()
			.insertInto(AUDIT_EVENTS)
			.set(AUDIT_EVENTS.ID, UUID.randomUUID())
			.set(AUDIT_EVENTS.OCCURRED_AT, OffsetDateTime.now())
			.set(AUDIT_EVENTS.ACTOR_TYPE, actor.type().name())
			.set(AUDIT_EVENTS.ACTOR_ID, actor.id())
			.set(AUDIT_EVENTS.ACTOR_NAME, actor.name())
			.set(AUDIT_EVENTS.ACTION, action)
			.set(AUDIT_EVENTS.RESOURCE_TYPE, resourceType)
			.set(AUDIT_EVENTS.RESOURCE_ID, resourceId)
			.set(AUDIT_EVENTS.BEFORE, jsonb(before))
			.set(AUDIT_EVENTS.AFTER, jsonb(after))
			.execute();
	}

	@Override
	@Transactional(readOnly = true)
	public Page list(@Nullable String after, int limit) {
		if (limit < 1 || limit > 200) {
			throw InvalidIdentityRequest.of("limit", "must be between 1 and 200");
		}
		var query = this.db.dsl().selectFrom(AUDIT_EVENTS).where(org.jooq.impl.DSL.noCondition());
		if (after != null) {
			Cursor cursor = Cursor.parse(after);
			query = query.and(row(AUDIT_EVENTS.OCCURRED_AT, AUDIT_EVENTS.ID).lt(cursor.at(), cursor.id()));
		}
		List<AuditEvent> events = query.orderBy(AUDIT_EVENTS.OCCURRED_AT.desc(), AUDIT_EVENTS.ID.desc())
			.limit(limit + 1)
			.fetch(JooqAuditLog::toEvent);
		String next = null;
		if (events.size() > limit) {
			events = events.subList(0, limit);
			AuditEvent last = events.get(limit - 1);
			next = new Cursor(OffsetDateTime.ofInstant(last.occurredAt(), java.time.ZoneOffset.UTC), last.id())
				.encode();
		}
		return new Page(List.copyOf(events), next);
	}

	private static AuditEvent toEvent(Record r) {
		return new AuditEvent(r.get(AUDIT_EVENTS.ID), r.get(AUDIT_EVENTS.OCCURRED_AT).toInstant(),
				new Actor(Actor.Type.valueOf(r.get(AUDIT_EVENTS.ACTOR_TYPE)), r.get(AUDIT_EVENTS.ACTOR_ID),
						(r.get(AUDIT_EVENTS.ACTOR_NAME) != null) ? r.get(AUDIT_EVENTS.ACTOR_NAME) : ""),
				r.get(AUDIT_EVENTS.ACTION), r.get(AUDIT_EVENTS.RESOURCE_TYPE), r.get(AUDIT_EVENTS.RESOURCE_ID),
				data(r.get(AUDIT_EVENTS.BEFORE)), data(r.get(AUDIT_EVENTS.AFTER)));
	}

	private static @Nullable String data(@Nullable JSONB value) {
		return (value != null) ? value.data() : null;
	}

	private @Nullable JSONB jsonb(@Nullable Object value) {
		return (value != null) ? JSONB.valueOf(this.json.writeValueAsString(value)) : null;
	}

	/** An opaque position in the log: base64url of {@code epochMicros:uuid}. */
	record Cursor(OffsetDateTime at, UUID id) {

		String encode() {
			long micros = this.at.toEpochSecond() * 1_000_000 + this.at.getNano() / 1_000;
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString((micros + ":" + this.id).getBytes(StandardCharsets.UTF_8));
		}

		static Cursor parse(String value) {
			try {
				String[] parts = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8).split(":", 2);
				long micros = Long.parseLong(parts[0]);
				return new Cursor(OffsetDateTime.ofInstant(
						java.time.Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000),
						java.time.ZoneOffset.UTC), UUID.fromString(parts[1]));
			}
			catch (RuntimeException ex) {
				throw InvalidIdentityRequest.of("after", "is not a cursor from a previous page");
			}
		}

	}

}

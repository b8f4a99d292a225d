package com.atelier.platform.identity;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One change made through the admin API or by an operator.
 *
 * @param id event id
 * @param occurredAt when
 * @param actor who
 * @param action what, e.g. {@code brand.updated}
 * @param resourceType the kind of thing changed
 * @param resourceId which one
 * @param before its state before, as JSON, if it existed
 * @param after its state after, as JSON, if it still exists
 */
public record AuditEvent(UUID id, Instant occurredAt, Actor actor, String action, String resourceType,
		@Nullable String resourceId, @Nullable String before, @Nullable String after) {
}

package com.atelier.platform.events;

import java.time.Instant;
import java.util.UUID;

import com.atelier.platform.tenancy.TenantId;

/**
 * An event as the relay hands it to subscribers.
 *
 * @param eventId unique; subscribers use it to ignore a second delivery
 * @param tenantId the tenant it belongs to (the relay enters it before delivering)
 * @param type e.g. {@code OrderPaid}
 * @param aggregateType e.g. {@code order}
 * @param aggregateId the id of the thing that changed
 * @param payload JSON object
 * @param occurredAt when the change was committed (about)
 * @param attempt 1 on the first delivery, more on retries
 */
public record OutboxEvent(UUID eventId, TenantId tenantId, String type, String aggregateType, String aggregateId,
		String payload, Instant occurredAt, int attempt) {
}

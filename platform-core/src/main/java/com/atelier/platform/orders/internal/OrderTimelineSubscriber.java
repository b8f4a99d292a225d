package com.atelier.platform.orders.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.atelier.platform.events.EventSubscriber;
import com.atelier.platform.events.OutboxEvent;
import com.atelier.platform.tenancy.TenantDsl;

import static com.atelier.platform.jooq.tenant_template.Tables.ORDER_TIMELINE;

/**
 * The in-process subscriber: records every order event on the order's timeline (shown
 * with the order). A second delivery of the same event changes nothing.
 */
@Component
class OrderTimelineSubscriber implements EventSubscriber {

	private final TenantDsl db;

	OrderTimelineSubscriber(TenantDsl db) {
		this.db = db;
	}

	@Override
	public String name() {
		return "order-timeline";
	}

	@Override
	public boolean accepts(String type) {
		return type.startsWith("Order");
	}

	@Override
	public void handle(OutboxEvent event) {
		this.db.dsl()
			.insertInto(ORDER_TIMELINE)
			.set(ORDER_TIMELINE.EVENT_ID, event.eventId())
			.set(ORDER_TIMELINE.ORDER_ID, UUID.fromString(event.aggregateId()))
			.set(ORDER_TIMELINE.TYPE, event.type())
			.set(ORDER_TIMELINE.OCCURRED_AT, OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC))
			.onConflictDoNothing()
			.execute();
	}

}

package com.atelier.reporting.reports;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import com.atelier.platform.events.EventSubscriber;
import com.atelier.platform.events.EventTypes;
import com.atelier.platform.events.OutboxEvent;

/**
 * Marks the summarized days a payment, cancellation or refund touches as stale (the day
 * the order was placed; for a refund, also the day of the refund), so reports compute
 * them live until {@link DailySummaries} summarizes them again. Delivered by the outbox
 * relay at least once; marking twice is harmless.
 */
@Component
class StaleDays implements EventSubscriber {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DailySummaries summaries;

	StaleDays(DailySummaries summaries) {
		this.summaries = summaries;
	}

	@Override
	public String name() {
		return "report-stale-days";
	}

	@Override
	public boolean accepts(String type) {
		// Placing or shipping an order changes no figure: it is a sale once paid.
		return EventTypes.ORDER_PAID.equals(type) || EventTypes.ORDER_CANCELLED.equals(type)
				|| EventTypes.ORDER_REFUNDED.equals(type);
	}

	@Override
	public void handle(OutboxEvent event) {
		if (!"order".equals(event.aggregateType())) {
			return;
		}
		this.summaries.markStale(UUID.fromString(event.aggregateId()), refundId(event.payload()));
	}

	private static @Nullable UUID refundId(String payload) {
		JsonNode refund = JSON.readTree(payload).get("refundId");
		return (refund != null && refund.isString()) ? UUID.fromString(refund.asString()) : null;
	}

}

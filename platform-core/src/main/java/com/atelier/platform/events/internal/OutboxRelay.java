package com.atelier.platform.events.internal;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.atelier.platform.events.EventSubscriber;
import com.atelier.platform.events.OutboxEvent;
import com.atelier.platform.outage.DatabaseOutages;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantDirectory;
import com.atelier.platform.tenancy.TenantId;
import com.atelier.platform.tenancy.PlatformDsl;

import static com.atelier.platform.jooq.platform.Tables.OUTBOX;
import static com.atelier.platform.jooq.platform.Tables.OUTBOX_DELIVERIES;

/**
 * Hands outbox events to subscribers, at least once. One pass:
 * <ol>
 * <li>claims a batch in a short transaction: {@code FOR UPDATE SKIP LOCKED}, so nodes
 * never claim the same rows, and a lease ({@code next_attempt_at} moved forward) so no
 * node claims them again while they are being delivered; at most {@code perTenant} events
 * of one tenant per batch, so one busy tenant does not starve the others;</li>
 * <li>delivers each event to each subscriber that wants it and has not had it, inside the
 * event's tenant and outside any transaction;</li>
 * <li>records the batch's deliveries in one transaction, and marks each event delivered
 * when every subscriber has it, or schedules a retry with exponential backoff (capped)
 * when one failed.</li>
 * </ol>
 * A node that dies mid-pass leaves its leased events to be claimed again when the lease
 * ends: delivery is at least once.
 */
public class OutboxRelay {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private final PlatformDsl platform;

	private final TenantDirectory directory;

	private final List<EventSubscriber> subscribers;

	private final int batchSize;

	private final int perTenant;

	private final Duration lease;

	private final Duration maxBackoff;

	public OutboxRelay(PlatformDsl platform, TenantDirectory directory, List<EventSubscriber> subscribers,
			int batchSize, int perTenant, Duration lease, Duration maxBackoff) {
		this.platform = platform;
		this.directory = directory;
		this.subscribers = List.copyOf(subscribers);
		this.batchSize = batchSize;
		this.perTenant = perTenant;
		this.lease = lease;
		this.maxBackoff = maxBackoff;
	}

	/**
	 * Runs passes until no event is due (at most 100 passes, so a steady stream of new
	 * events cannot keep one call going forever; the next run picks up the rest).
	 * @return the number of events handled (delivered or rescheduled)
	 */
	public int drain() {
		int total = 0;
		int handled;
		int passes = 0;
		do {
			handled = relayOnce();
			total += handled;
		}
		while (handled > 0 && ++passes < 100);
		return total;
	}

	/**
	 * One pass.
	 * @return the number of events claimed
	 */
	public int relayOnce() {
		List<Claimed> batch = claim();
		if (batch.isEmpty()) {
			return 0;
		}
		// A tenant's events together, in order: one directory lookup and one switch of
		// the connection's schema per tenant and batch, not per event (a switch also
		// makes PostgreSQL plan that connection's prepared statements again).
		Map<TenantId, List<Claimed>> byTenant = new LinkedHashMap<>();
		for (Claimed claimed : batch) {
			byTenant.computeIfAbsent(claimed.event().tenantId(), (id) -> new ArrayList<>()).add(claimed);
		}
		List<Outcome> outcomes = new ArrayList<>();
		for (Map.Entry<TenantId, List<Claimed>> events : byTenant.entrySet()) {
			Optional<Tenant> tenant = this.directory.findById(events.getKey());
			for (Claimed claimed : events.getValue()) {
				outcomes.add(deliver(claimed, tenant));
			}
		}
		// The whole batch recorded in one transaction. Should it fail, or the node die
		// before it, the events are claimed again when their lease ends: at least once.
		this.platform.transaction((tx) -> {
			record(tx, outcomes);
			return null;
		});
		return batch.size();
	}

	private List<Claimed> claim() {
		return this.platform.transaction((tx) -> {
			// Fair batch: the oldest few events of each tenant, then the oldest of those.
			var ranked = tx
				.select(OUTBOX.ID,
						org.jooq.impl.DSL.rowNumber()
							.over(org.jooq.impl.DSL.partitionBy(OUTBOX.TENANT_ID).orderBy(OUTBOX.ID))
							.as("rank"))
				.from(OUTBOX)
				.where(OUTBOX.DELIVERED_AT.isNull(), OUTBOX.NEXT_ATTEMPT_AT.le(OffsetDateTime.now()))
				.asTable("ranked");
			Result<Record> rows = tx.select(OUTBOX.fields())
				.from(OUTBOX)
				.where(OUTBOX.ID.in(tx.select(ranked.field(OUTBOX.ID))
					.from(ranked)
					.where(ranked.field("rank", Integer.class).le(this.perTenant))))
				.and(OUTBOX.DELIVERED_AT.isNull())
				.orderBy(OUTBOX.ID)
				.limit(this.batchSize)
				.forUpdate()
				.skipLocked()
				.fetch();
			if (rows.isEmpty()) {
				return List.of();
			}
			List<Long> ids = rows.getValues(OUTBOX.ID);
			tx.update(OUTBOX)
				.set(OUTBOX.NEXT_ATTEMPT_AT, OffsetDateTime.now().plus(this.lease))
				.set(OUTBOX.ATTEMPTS, OUTBOX.ATTEMPTS.plus(1))
				.where(OUTBOX.ID.in(ids))
				.execute();
			Map<Long, Set<String>> delivered = tx.select(OUTBOX_DELIVERIES.OUTBOX_ID, OUTBOX_DELIVERIES.SUBSCRIBER)
				.from(OUTBOX_DELIVERIES)
				.where(OUTBOX_DELIVERIES.OUTBOX_ID.in(ids))
				.fetchGroups(OUTBOX_DELIVERIES.OUTBOX_ID, OUTBOX_DELIVERIES.SUBSCRIBER)
				.entrySet()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, (e) -> new HashSet<>(e.getValue())));
			List<Claimed> claimed = new ArrayList<>();
			for (Record r : rows) {
				int attempt = r.get(OUTBOX.ATTEMPTS) + 1;
				OutboxEvent event = new OutboxEvent(r.get(OUTBOX.EVENT_ID), new TenantId(r.get(OUTBOX.TENANT_ID)),
						r.get(OUTBOX.TYPE), r.get(OUTBOX.AGGREGATE_TYPE), r.get(OUTBOX.AGGREGATE_ID),
						r.get(OUTBOX.PAYLOAD).data(), r.get(OUTBOX.CREATED_AT).toInstant(), attempt);
				claimed.add(new Claimed(r.get(OUTBOX.ID), event, delivered.getOrDefault(r.get(OUTBOX.ID), Set.of())));
			}
			return claimed;
		});
	}

	private Outcome deliver(Claimed claimed, Optional<Tenant> tenant) {
		OutboxEvent event = claimed.event();
		List<String> done = new ArrayList<>();
		String error = null;
		if (tenant.isEmpty()) {
			error = "tenant " + event.tenantId().value() + " no longer exists";
		}
		else {
			for (EventSubscriber subscriber : this.subscribers) {
				if (!subscriber.accepts(event.type()) || claimed.delivered().contains(subscriber.name())) {
					continue;
				}
				try (TenantContext.Scope scope = TenantContext.enter(tenant.get().ref())) {
					subscriber.handle(event);
					done.add(subscriber.name());
				}
				catch (Exception ex) {
					if (ex instanceof RuntimeException runtime && DatabaseOutages.isOutage(runtime)) {
						// Not the subscriber's fault: the pass stops, its leased events
						// are
						// claimed again after the outage (ADR 31).
						throw runtime;
					}
					log.warn("Subscriber {} failed on event {} ({}), attempt {}: {}", subscriber.name(),
							event.eventId(), event.type(), event.attempt(), ex.toString());
					error = subscriber.name() + ": " + ex;
				}
			}
		}
		return new Outcome(claimed.id(), done, error, event.attempt());
	}

	/**
	 * Records a batch: every delivery in one statement, every delivered event in another,
	 * then a retry for each event a subscriber failed on.
	 */
	private void record(DSLContext tx, List<Outcome> outcomes) {
		var deliveries = tx.insertInto(OUTBOX_DELIVERIES, OUTBOX_DELIVERIES.OUTBOX_ID, OUTBOX_DELIVERIES.SUBSCRIBER);
		boolean any = false;
		List<Long> delivered = new ArrayList<>();
		for (Outcome outcome : outcomes) {
			for (String subscriber : outcome.done()) {
				deliveries = deliveries.values(outcome.id(), subscriber);
				any = true;
			}
			if (outcome.error() == null) {
				delivered.add(outcome.id());
			}
		}
		if (any) {
			deliveries.onConflictDoNothing().execute();
		}
		if (!delivered.isEmpty()) {
			tx.update(OUTBOX)
				.set(OUTBOX.DELIVERED_AT, OffsetDateTime.now())
				.set(OUTBOX.LAST_ERROR, (String) null)
				.where(OUTBOX.ID.in(delivered))
				.execute();
		}
		for (Outcome outcome : outcomes) {
			String error = outcome.error();
			if (error != null) {
				tx.update(OUTBOX)
					.set(OUTBOX.NEXT_ATTEMPT_AT, OffsetDateTime.now().plus(backoff(outcome.attempt())))
					.set(OUTBOX.LAST_ERROR, (error.length() > 1000) ? error.substring(0, 1000) : error)
					.where(OUTBOX.ID.eq(outcome.id()))
					.execute();
			}
		}
	}

	/** 2 s, 4 s, 8 s ... capped. */
	Duration backoff(int attempt) {
		long seconds = 1L << Math.min(Math.max(attempt, 1), 20);
		Duration backoff = Duration.ofSeconds(seconds);
		return (backoff.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : backoff;
	}

	private record Outcome(long id, List<String> done, @Nullable String error, int attempt) {
	}

	private record Claimed(long id, OutboxEvent event, Set<String> delivered) {
	}

}

package com.atelier.platform.idempotency.internal;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.jooq.impl.DSL;

import org.springframework.stereotype.Service;

import com.atelier.platform.idempotency.Idempotency;
import com.atelier.platform.tenancy.TenantDsl;

import static com.atelier.platform.jooq.tenant_template.Tables.IDEMPOTENCY_KEYS;

/**
 * Keys in the tenant's schema. Each call is its own auto-committed statement (the filter
 * runs outside the request's transaction), so a claim is visible to concurrent requests
 * at once. Keys are kept 48 hours; a claim abandoned by a crashed node is taken over
 * after 5 minutes.
 */
@Service
class JooqIdempotency implements Idempotency {

	static final Duration RETENTION = Duration.ofHours(48);

	static final Duration ABANDONED = Duration.ofMinutes(5);

	private final TenantDsl db;

	JooqIdempotency(TenantDsl db) {
		this.db = db;
	}

	@Override
	public Claim claim(String client, String key, String requestHash) {
		var dsl = this.db.dsl();
		if (ThreadLocalRandom.current().nextInt(100) == 0) {
			dsl.deleteFrom(IDEMPOTENCY_KEYS)
				.where(IDEMPOTENCY_KEYS.CREATED_AT.lt(OffsetDateTime.now().minus(RETENTION)))
				.execute();
		}
		// The claim's time (as stored: microseconds) is its holder's token.
		OffsetDateTime now = OffsetDateTime.now().truncatedTo(ChronoUnit.MICROS);
		int inserted = dsl.insertInto(IDEMPOTENCY_KEYS)
			.set(IDEMPOTENCY_KEYS.CREATED_AT, now)
			.set(IDEMPOTENCY_KEYS.CLIENT_ID, client)
			.set(IDEMPOTENCY_KEYS.IDEMPOTENCY_KEY, key)
			.set(IDEMPOTENCY_KEYS.REQUEST_HASH, requestHash)
			.set(IDEMPOTENCY_KEYS.STATE, "IN_FLIGHT")
			.onConflictDoNothing()
			.execute();
		if (inserted == 1) {
			return new Claim(Outcome.PROCEED, Optional.empty(), now);
		}
		var row = dsl.selectFrom(IDEMPOTENCY_KEYS)
			.where(IDEMPOTENCY_KEYS.CLIENT_ID.eq(client), IDEMPOTENCY_KEYS.IDEMPOTENCY_KEY.eq(key))
			.fetchOne();
		if (row == null) {
			return claim(client, key, requestHash);
		}
		if (!row.getRequestHash().equals(requestHash)) {
			return Claim.of(Outcome.MISMATCH);
		}
		if (row.getAppliedAt() != null && row.getResponseStatus() == null
				&& (!"IN_FLIGHT".equals(row.getState()) || row.getCreatedAt().isBefore(now.minus(ABANDONED)))) {
			// Applied, response lost: never again (ADR 29).
			return Claim.of(Outcome.APPLIED);
		}
		if ("IN_FLIGHT".equals(row.getState())) {
			boolean abandoned = row.getCreatedAt().isBefore(now.minus(ABANDONED));
			if (abandoned && dsl.update(IDEMPOTENCY_KEYS)
				.set(IDEMPOTENCY_KEYS.CREATED_AT, now)
				.where(IDEMPOTENCY_KEYS.CLIENT_ID.eq(client), IDEMPOTENCY_KEYS.IDEMPOTENCY_KEY.eq(key))
				.and(IDEMPOTENCY_KEYS.STATE.eq("IN_FLIGHT").and(IDEMPOTENCY_KEYS.CREATED_AT.eq(row.getCreatedAt())))
				.and(IDEMPOTENCY_KEYS.APPLIED_AT.isNull())
				.execute() == 1) {
				return new Claim(Outcome.PROCEED, Optional.empty(), now);
			}
			return Claim.of(Outcome.IN_FLIGHT);
		}
		return new Claim(Outcome.REPLAY, Optional.of(new Response(row.getResponseStatus(), row.getResponseType(),
				row.getResponseLocation(), row.getResponseBody())), null);
	}

	@Override
	public void complete(String client, String key, Claim claim, Response response) {
		this.db.dsl()
			.update(IDEMPOTENCY_KEYS)
			.set(IDEMPOTENCY_KEYS.STATE, "DONE")
			.set(IDEMPOTENCY_KEYS.RESPONSE_STATUS, response.status())
			.set(IDEMPOTENCY_KEYS.RESPONSE_TYPE, response.contentType())
			.set(IDEMPOTENCY_KEYS.RESPONSE_LOCATION, response.location())
			.set(IDEMPOTENCY_KEYS.RESPONSE_BODY, response.body())
			.where(IDEMPOTENCY_KEYS.CLIENT_ID.eq(client), IDEMPOTENCY_KEYS.IDEMPOTENCY_KEY.eq(key))
			.and(IDEMPOTENCY_KEYS.STATE.eq("IN_FLIGHT").and(IDEMPOTENCY_KEYS.CREATED_AT.eq(claim.claimedAt())))
			.execute();
	}

	@Override
	public void release(String client, String key, Claim claim) {
		var dsl = this.db.dsl();
		int deleted = dsl.deleteFrom(IDEMPOTENCY_KEYS)
			.where(IDEMPOTENCY_KEYS.CLIENT_ID.eq(client), IDEMPOTENCY_KEYS.IDEMPOTENCY_KEY.eq(key))
			.and(IDEMPOTENCY_KEYS.STATE.eq("IN_FLIGHT").and(IDEMPOTENCY_KEYS.CREATED_AT.eq(claim.claimedAt())))
			.and(IDEMPOTENCY_KEYS.APPLIED_AT.isNull())
			.execute();
		if (deleted == 0) {
			// Applied: keep it, finished without a response, so a retry is refused at
			// once.
			dsl.update(IDEMPOTENCY_KEYS)
				.set(IDEMPOTENCY_KEYS.STATE, "DONE")
				.where(IDEMPOTENCY_KEYS.CLIENT_ID.eq(client), IDEMPOTENCY_KEYS.IDEMPOTENCY_KEY.eq(key))
				.and(IDEMPOTENCY_KEYS.STATE.eq("IN_FLIGHT").and(IDEMPOTENCY_KEYS.CREATED_AT.eq(claim.claimedAt())))
				.and(IDEMPOTENCY_KEYS.APPLIED_AT.isNotNull())
				.execute();
		}
	}

	@Override
	public void markApplied(String client, String key, Claim claim) {
		int marked = this.db.dsl()
			.update(IDEMPOTENCY_KEYS)
			.set(IDEMPOTENCY_KEYS.APPLIED_AT, DSL.coalesce(IDEMPOTENCY_KEYS.APPLIED_AT, DSL.currentOffsetDateTime()))
			.where(IDEMPOTENCY_KEYS.CLIENT_ID.eq(client), IDEMPOTENCY_KEYS.IDEMPOTENCY_KEY.eq(key))
			.and(IDEMPOTENCY_KEYS.STATE.eq("IN_FLIGHT").and(IDEMPOTENCY_KEYS.CREATED_AT.eq(claim.claimedAt())))
			.execute();
		if (marked == 0) {
			throw new ClaimLost();
		}
	}

}

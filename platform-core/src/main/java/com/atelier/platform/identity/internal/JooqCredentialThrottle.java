package com.atelier.platform.identity.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.jooq.Record2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.atelier.platform.identity.CredentialThrottle;
import com.atelier.platform.identity.TooManyAttempts;
import com.atelier.platform.tenancy.PlatformDsl;

import static com.atelier.platform.jooq.platform.Tables.CREDENTIAL_ATTEMPTS;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.val;

/**
 * The credential throttle in {@code platform.credential_attempts}: one row per key,
 * changed by one atomic upsert per counted attempt, so concurrent attempts on any nodes
 * add up exactly. A check is one primary-key lookup of the attempt's keys.
 */
final class JooqCredentialThrottle implements CredentialThrottle {

	private static final Logger log = LoggerFactory.getLogger(JooqCredentialThrottle.class);

	private final PlatformDsl platform;

	private volatile Limits limits;

	JooqCredentialThrottle(PlatformDsl platform, Limits limits) {
		this.platform = platform;
		this.limits = limits;
	}

	@Override
	public void check(Collection<Key> keys) {
		if (keys.isEmpty()) {
			return;
		}
		Record2<OffsetDateTime, OffsetDateTime> locked = this.platform.dsl()
			.select(max(CREDENTIAL_ATTEMPTS.LOCKED_UNTIL), currentOffsetDateTime())
			.from(CREDENTIAL_ATTEMPTS)
			.where(CREDENTIAL_ATTEMPTS.ATTEMPT_KEY.in(keys.stream().map(Key::value).toList()))
			.and(CREDENTIAL_ATTEMPTS.LOCKED_UNTIL.gt(currentOffsetDateTime()))
			.fetchOne();
		if (locked != null && locked.value1() != null) {
			throw new TooManyAttempts(Duration.between(locked.value2(), locked.value1()));
		}
	}

	@Override
	public List<Lock> count(Collection<Key> keys) {
		Limits current = this.limits;
		List<Lock> locks = new ArrayList<>();
		for (Key key : keys) {
			int limit = current.limit(key.kind());
			// The failures after this one: 1 when the earlier ones are forgotten. From
			// the
			// limit on, each failure locks for lockout * 2^(failures - limit), at most
			// max-lockout.
			String failures = "(case when a.last_failure_at < now() - {2} * interval '1 millisecond'"
					+ " then 1 else a.failures + 1 end)";
			var row = this.platform.dsl()
				.resultQuery("insert into {0} as a (attempt_key, failures, last_failure_at, locked_until)"
						+ " values ({1}, 1, now(), case when 1 >= {3} then now() + {4} * interval '1 millisecond' end)"
						+ " on conflict (attempt_key) do update set failures = " + failures
						+ ", last_failure_at = now(), locked_until = case when " + failures + " >= {3}"
						+ " then now() + least({5}, {4} * power(2, least(" + failures
						+ " - {3}, 30))) * interval '1 millisecond' else a.locked_until end"
						+ " returning failures, locked_until", CREDENTIAL_ATTEMPTS, val(key.value()),
						val(current.memory().toMillis()), inline(limit), val(current.lockout().toMillis()),
						val(current.maxLockout().toMillis()))
				.fetchOne();
			int counted = row.get(0, Integer.class);
			OffsetDateTime until = row.get(1, OffsetDateTime.class);
			if (counted >= limit && until != null) {
				locks.add(new Lock(key, counted, until.toInstant()));
				log.warn("Locked {} after {} attempts until {}", describe(key), counted, until);
			}
		}
		return locks;
	}

	@Override
	public void clear(Collection<Key> keys) {
		if (!keys.isEmpty()) {
			this.platform.dsl()
				.deleteFrom(CREDENTIAL_ATTEMPTS)
				.where(CREDENTIAL_ATTEMPTS.ATTEMPT_KEY.in(keys.stream().map(Key::value).toList()))
				.execute();
		}
	}

	@Override
	public Limits limits() {
		return this.limits;
	}

	@Override
	public void limits(Limits limits) {
		this.limits = limits;
	}

	/**
	 * Deletes keys whose failures are forgotten and whose lock has ended.
	 * @return how many
	 */
	int forgetOld() {
		Instant now = Instant.now();
		Duration memory = this.limits.memory();
		Duration keep = (memory.compareTo(this.limits.maxLockout()) > 0) ? memory : this.limits.maxLockout();
		return this.platform.dsl()
			.deleteFrom(CREDENTIAL_ATTEMPTS)
			.where(CREDENTIAL_ATTEMPTS.LAST_FAILURE_AT.lt(OffsetDateTime.ofInstant(now.minus(keep), ZoneOffset.UTC)))
			.and(CREDENTIAL_ATTEMPTS.LOCKED_UNTIL.isNull()
				.or(CREDENTIAL_ATTEMPTS.LOCKED_UNTIL.lt(OffsetDateTime.ofInstant(now, ZoneOffset.UTC))))
			.execute();
	}

	/**
	 * A key for the log: IP keys as they are, accounts and devices only by their kind.
	 */
	private static String describe(Key key) {
		return switch (key.kind()) {
			case SIGN_IN_IP, TOKEN_IP, VERIFY_IP, SIGN_UP_IP -> key.value();
			default ->
				key.kind().name().toLowerCase(Locale.ROOT) + " " + key.value().substring(key.value().length() - 8);
		};
	}

}

package com.atelier.platform.idempotency;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantRef;

/**
 * The idempotency key a request holds, marked applied inside every read-write transaction
 * the request runs (ADR 29): the mark commits with the effect or not at all, so a retry
 * of a request whose effect committed is never run again, even when the node stopped
 * before it stored the response. The mark is a compare-and-set on the claim: when a retry
 * took the claim over, the mark fails and the holder's transaction rolls back.
 * <p>
 * The mark is made just before the transaction commits. A transaction that commits with
 * its own last statement (the checkout's reservation, ADR 24) makes the mark in a
 * statement it sends before, through {@link #pending()}.
 */
public final class IdempotencyMarks {

	private static final ThreadLocal<Held> HELD = new ThreadLocal<>();

	private IdempotencyMarks() {
	}

	/** The request on this thread holds this claim (the filter; cleared after). */
	static void hold(Idempotency idempotency, String client, String key, Idempotency.Claim claim) {
		HELD.set(new Held(idempotency, client, key, claim, TenantContext.require()));
	}

	static void drop() {
		HELD.remove();
	}

	/**
	 * Called when a transaction begins: while the thread's request holds a claim, a new
	 * read-write transaction of the claim's tenant gets a mark to make before it commits.
	 * @param transaction the transaction that began
	 */
	public static void began(TransactionExecution transaction) {
		Held held = HELD.get();
		if (held == null || !transaction.isNewTransaction() || transaction.isReadOnly()
				|| !TransactionSynchronizationManager.isSynchronizationActive()
				|| !TenantContext.current().map(held.tenant()::equals).orElse(false)) {
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new Pending(held));
	}

	/**
	 * The mark the current transaction has still to make, if any. A caller that makes it
	 * within a statement of its own (a compare-and-set on the claim, see {@link Pending})
	 * calls {@link Pending#applied()} when that statement changed the claim's row, and
	 * throws {@link Idempotency.ClaimLost} when it did not.
	 * @return the pending mark, or null when there is none
	 */
	public static @Nullable Pending pending() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return null;
		}
		for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
			if (synchronization instanceof Pending pending && !pending.marked) {
				return pending;
			}
		}
		return null;
	}

	private record Held(Idempotency idempotency, String client, String key, Idempotency.Claim claim, TenantRef tenant) {
	}

	/**
	 * The mark of one transaction: {@code update idempotency_keys set applied_at = ...
	 * where client_id = client() and idempotency_key = key() and created_at =
	 * claimedAt() and state = 'IN_FLIGHT'}, which must change one row.
	 */
	public static final class Pending implements TransactionSynchronization {

		private final Held held;

		private boolean marked;

		Pending(Held held) {
			this.held = held;
		}

		public String client() {
			return this.held.client();
		}

		public String key() {
			return this.held.key();
		}

		public OffsetDateTime claimedAt() {
			OffsetDateTime claimedAt = this.held.claim().claimedAt();
			if (claimedAt == null) {
				throw new IllegalStateException("a held claim has its time");
			}
			return claimedAt;
		}

		/** The caller made the mark in a statement of its own. */
		public void applied() {
			this.marked = true;
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			if (!this.marked && !readOnly) {
				this.held.idempotency().markApplied(this.held.client(), this.held.key(), this.held.claim());
				this.marked = true;
			}
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

}

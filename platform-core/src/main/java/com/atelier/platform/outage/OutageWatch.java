package com.atelier.platform.outage;

import org.slf4j.Logger;

/**
 * Keeps a background worker quiet through an outage (ADR 31): the first failure that
 * means the database is unavailable is logged once, as a pause; further ones are not
 * (debug only); the first success after it is logged as the resumption. A worker keeps
 * running its ticks meanwhile and so resumes by itself. Not thread-safe: one per worker
 * thread.
 */
public final class OutageWatch {

	private final Logger log;

	private final String worker;

	private long downSince;

	/**
	 * @param log the worker's logger
	 * @param worker what the worker is, for the log (e.g. {@code Job outbox-relay})
	 */
	public OutageWatch(Logger log, String worker) {
		this.log = log;
		this.worker = worker;
	}

	/**
	 * Records a failure of the worker.
	 * @param failure what it met
	 * @return whether it was an outage (then handled here); otherwise the caller logs it
	 */
	public boolean failed(Throwable failure) {
		if (!DatabaseOutages.isOutage(failure)) {
			return false;
		}
		if (this.downSince == 0) {
			long now = System.nanoTime();
			this.downSince = (now == 0) ? 1 : now;
			this.log.warn("{} paused: the database is unavailable ({}); it resumes by itself when it is back",
					this.worker, DatabaseOutages.summary(failure));
		}
		else if (this.log.isDebugEnabled()) {
			this.log.debug("{} still paused ({})", this.worker, DatabaseOutages.summary(failure));
		}
		return true;
	}

	/** Records a run that succeeded: logs the resumption after an outage. */
	public void succeeded() {
		if (this.downSince != 0) {
			long seconds = (System.nanoTime() - this.downSince) / 1_000_000_000L;
			this.downSince = 0;
			this.log.info("{} resumed: the database is back (paused about {} s)", this.worker, seconds);
		}
	}

	/** Whether the worker is paused by an outage. */
	public boolean paused() {
		return this.downSince != 0;
	}

}

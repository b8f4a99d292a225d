package com.atelier.platform.jobs;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

import com.atelier.platform.outage.OutageWatch;

/**
 * A job on its own daemon thread, started with the application and stopped before the
 * connection pool closes. While the database is unavailable its runs fail; that is logged
 * once when it starts and once when the job resumes, by itself, on the first run that
 * succeeds (ADR 31).
 */
public final class PeriodicJob implements SmartLifecycle, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(PeriodicJob.class);

	private final String name;

	private final Runnable work;

	private final boolean enabled;

	private final Duration interval;

	private @Nullable ScheduledExecutorService executor;

	public PeriodicJob(String name, Runnable work, boolean enabled, Duration interval) {
		this.name = name;
		this.work = work;
		this.enabled = enabled;
		this.interval = interval;
	}

	@Override
	public synchronized void start() {
		if (!this.enabled || this.executor != null) {
			return;
		}
		this.executor = Executors.newSingleThreadScheduledExecutor((r) -> {
			Thread thread = new Thread(r, "atelier-" + this.name);
			thread.setDaemon(true);
			return thread;
		});
		OutageWatch outages = new OutageWatch(log, "Job " + this.name);
		this.executor.scheduleWithFixedDelay(() -> {
			try {
				this.work.run();
				outages.succeeded();
			}
			catch (RuntimeException ex) {
				if (!outages.failed(ex)) {
					log.warn("Job {} failed: {}", this.name, ex.toString());
				}
			}
		}, this.interval.toMillis(), this.interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			try {
				this.executor.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

	@Override
	public void destroy() {
		stop();
	}

}

package com.atelier.platform.identity;

import java.time.Duration;
import java.util.Map;

import com.atelier.platform.problem.ProblemException;

/**
 * Too many failed (or costly) attempts from this account, device or address: refused
 * before any work is done, until the lock ends ({@code Retry-After}).
 */
public class TooManyAttempts extends ProblemException {

	private final Duration retryAfter;

	public TooManyAttempts(Duration retryAfter) {
		super(IdentityProblems.TOO_MANY_ATTEMPTS, "Too many attempts. Try again in " + minutes(retryAfter) + " minute"
				+ ((minutes(retryAfter) == 1) ? "" : "s") + ".");
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

	/** Whole seconds until the lock ends, at least 1. */
	public long retryAfterSeconds() {
		long seconds = (this.retryAfter.toMillis() + 999) / 1000;
		return Math.max(1, seconds);
	}

	/** Whole minutes until the lock ends, at least 1 (for people). */
	public static long minutes(Duration retryAfter) {
		long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
		return Math.max(1, (seconds + 59) / 60);
	}

	@Override
	public Map<String, String> headers() {
		return Map.of("Retry-After", Long.toString(retryAfterSeconds()));
	}

}

package com.atelier.platform.outage;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import com.atelier.platform.problem.ProblemType;
import com.atelier.platform.problem.Problems;

/**
 * The answer to a request that met an unavailable database (ADR 31): 503
 * {@code service-unavailable} with {@code Retry-After}, whichever API and whichever layer
 * (filter, controller, GraphQL) met it. Such requests are logged without a stack trace,
 * at most one line every {@link #LOG_EVERY} with the count of the others.
 */
public final class OutageProblems {

	/** The database (or the service) cannot serve now; retry after a few seconds. */
	public static final ProblemType SERVICE_UNAVAILABLE = new ProblemType("service-unavailable", "Service unavailable",
			503);

	/** The wait suggested to clients in {@code Retry-After}. */
	public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	/** At most one log line per this period while requests keep failing. */
	static final Duration LOG_EVERY = Duration.ofSeconds(10);

	private static final String DETAIL = "The service is briefly unavailable; retry in a few seconds.";

	private static final Logger log = LoggerFactory.getLogger(OutageProblems.class);

	private static final AtomicLong lastLogged = new AtomicLong();

	private static final AtomicInteger notLogged = new AtomicInteger();

	private OutageProblems() {
	}

	/**
	 * The problem body.
	 * @return a new 503 problem
	 */
	public static ProblemDetail problem() {
		return Problems.of(SERVICE_UNAVAILABLE, DETAIL);
	}

	/** The value of {@code Retry-After}: whole seconds. */
	public static String retryAfter() {
		return Long.toString(RETRY_AFTER.toSeconds());
	}

	/**
	 * The response for a request that failed with an outage, logged as such.
	 * @param failure what the request met
	 * @return 503 problem+json with {@code Retry-After}
	 */
	public static ResponseEntity<ProblemDetail> response(Throwable failure) {
		answered(failure);
		return ResponseEntity.status(SERVICE_UNAVAILABLE.status())
			.header(HttpHeaders.RETRY_AFTER, retryAfter())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem());
	}

	/**
	 * Logs that a request was answered 503 because of this failure: one line, no stack
	 * trace, and at most one every {@link #LOG_EVERY}.
	 * @param failure what the request met
	 */
	public static void answered(Throwable failure) {
		long now = System.nanoTime();
		long last = lastLogged.get();
		if ((last == 0 || now - last >= LOG_EVERY.toNanos()) && lastLogged.compareAndSet(last, (now == 0) ? 1 : now)) {
			int others = notLogged.getAndSet(0);
			log.warn("Answering 503 service-unavailable: the database is unavailable ({}){}",
					DatabaseOutages.summary(failure),
					(others > 0) ? "; " + others + " other requests were answered so since the last report" : "");
			return;
		}
		notLogged.incrementAndGet();
		if (log.isDebugEnabled()) {
			log.debug("Answering 503 service-unavailable ({})", DatabaseOutages.summary(failure));
		}
	}

}

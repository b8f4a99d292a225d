package com.atelier.platform.ratelimit;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rate: at most {@code requests} per {@code period}, in bursts of up to
 * {@code requests} (a token bucket that holds {@code requests} tokens and refills them
 * evenly over the period).
 *
 * @param requests 1 to 100,000,000
 * @param period 1 second to 1 day, in whole seconds
 */
public record Limit(long requests, Duration period) {

	private static final Pattern TEXT = Pattern.compile("^(\\d{1,9})\\s*/\\s*(\\d{0,5})\\s*([smhd])$");

	public Limit {
		if (requests < 1 || requests > 100_000_000) {
			throw new IllegalArgumentException("requests must be 1 to 100000000");
		}
		if (period.isNegative() || period.toSeconds() < 1 || period.toSeconds() > 86_400 || period.toNanosPart() != 0) {
			throw new IllegalArgumentException("period must be whole seconds, 1s to 1d");
		}
	}

	public static Limit of(long requests, Duration period) {
		return new Limit(requests, period);
	}

	/**
	 * Reads {@code 600/1m}, {@code 30/m}, {@code 5/10s}, {@code 10000/1h}, {@code 1/1d}.
	 * @param text the rate
	 * @return the limit
	 * @throws IllegalArgumentException when it is not such a rate
	 */
	public static Limit parse(String text) {
		Matcher matcher = TEXT.matcher(text.strip().toLowerCase(Locale.ROOT));
		if (!matcher.matches()) {
			throw new IllegalArgumentException("a rate is REQUESTS/PERIOD, e.g. 600/1m, 5/10s, 10000/1h");
		}
		long count = matcher.group(2).isEmpty() ? 1 : Long.parseLong(matcher.group(2));
		Duration unit = switch (matcher.group(3)) {
			case "s" -> Duration.ofSeconds(1);
			case "m" -> Duration.ofMinutes(1);
			case "h" -> Duration.ofHours(1);
			default -> Duration.ofDays(1);
		};
		if (count < 1) {
			throw new IllegalArgumentException("the period must be at least 1s");
		}
		return new Limit(Long.parseLong(matcher.group(1)), unit.multipliedBy(count));
	}

	/** The rate as {@link #parse} reads it, in the largest whole unit. */
	@Override
	public String toString() {
		long seconds = this.period.toSeconds();
		if (seconds % 86_400 == 0) {
			return this.requests + "/" + (seconds / 86_400) + "d";
		}
		if (seconds % 3_600 == 0) {
			return this.requests + "/" + (seconds / 3_600) + "h";
		}
		if (seconds % 60 == 0) {
			return this.requests + "/" + (seconds / 60) + "m";
		}
		return this.requests + "/" + seconds + "s";
	}

}

package com.atelier.reporting;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import com.atelier.platform.catalog.CatalogProblems;

/**
 * Whole days, {@code from} to {@code to} inclusive, in the brand's time zone.
 *
 * @param from the first day
 * @param to the last day
 * @param zone the brand's time zone
 */
public record ReportRange(LocalDate from, LocalDate to, ZoneId zone) {

	/** The longest range a report accepts: ten years of days. */
	public static final int MAX_DAYS = 3660;

	public ReportRange {
		if (to.isBefore(from)) {
			throw CatalogProblems.Invalid.of("to", "must not be before from");
		}
		if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
			throw CatalogProblems.Invalid.of("to", "the range may span at most " + MAX_DAYS + " days");
		}
	}

	/** The first instant of {@code day} in the zone (midnight, or later on a DST gap). */
	public OffsetDateTime startOf(LocalDate day) {
		return day.atStartOfDay(this.zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
	}

	/** The first instant of the range. */
	public OffsetDateTime start() {
		return startOf(this.from);
	}

	/** The first instant after the range. */
	public OffsetDateTime end() {
		return startOf(this.to.plusDays(1));
	}

}

package com.atelier.reporting;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import com.atelier.platform.catalog.CatalogProblems;
import com.atelier.platform.money.CurrencyCode;

/**
 * A report's query parameters, read strictly: an unknown parameter or a malformed value
 * is a 400 naming it, before anything runs. Values are only ever bound or matched against
 * fixed choices, never written into SQL.
 */
public final class ReportParameters {

	private final Map<String, String> values;

	private final Set<String> read = new HashSet<>();

	public ReportParameters(Map<String, String> values) {
		this.values = Map.copyOf(values);
	}

	public @Nullable String text(String name) {
		this.read.add(name);
		String value = this.values.get(name);
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	/**
	 * The date range: {@code from} and {@code to} (ISO dates, inclusive) in the brand's
	 * time zone; by default the last 30 days up to today.
	 */
	public ReportRange range(ZoneId zone) {
		LocalDate today = LocalDate.now(zone);
		LocalDate to = date("to", today);
		LocalDate from = date("from", to.minusDays(29));
		return new ReportRange(from, to, zone);
	}

	private LocalDate date(String name, LocalDate fallback) {
		String value = text(name);
		if (value == null) {
			return fallback;
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw CatalogProblems.Invalid.of(name, "must be a date as YYYY-MM-DD");
		}
	}

	public @Nullable CurrencyCode currency() {
		String value = text("currency");
		if (value == null) {
			return null;
		}
		return CurrencyCode.parse(value.toUpperCase(Locale.ROOT))
			.orElseThrow(() -> CatalogProblems.Invalid.of("currency", "must be an ISO 4217 currency code"));
	}

	/**
	 * @param name the parameter
	 * @param fallback its value when absent
	 * @param choices the values allowed, lower case
	 * @return one of the choices
	 */
	public String choice(String name, String fallback, String... choices) {
		String value = text(name);
		if (value == null) {
			return fallback;
		}
		String lower = value.toLowerCase(Locale.ROOT);
		for (String choice : choices) {
			if (choice.equals(lower)) {
				return choice;
			}
		}
		throw CatalogProblems.Invalid.of(name, "must be one of " + String.join(", ", choices));
	}

	public int integer(String name, int fallback, int min, int max) {
		String value = text(name);
		if (value == null) {
			return fallback;
		}
		try {
			int parsed = Integer.parseInt(value);
			if (parsed >= min && parsed <= max) {
				return parsed;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw CatalogProblems.Invalid.of(name, "must be a whole number from " + min + " to " + max);
	}

	public boolean flag(String name) {
		return "true".equals(choice(name, "false", "true", "false"));
	}

	/**
	 * Fails on any parameter no read method asked for.
	 * @param ignored parameters that belong to the transport ({@code format})
	 */
	public void rejectUnknown(String... ignored) {
		Set<String> known = new HashSet<>(this.read);
		known.addAll(Set.of(ignored));
		for (String name : this.values.keySet()) {
			if (!known.contains(name)) {
				throw CatalogProblems.Invalid.of(name, "is not a parameter of this report");
			}
		}
	}

}

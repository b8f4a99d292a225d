package com.atelier.reporting;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * One column of a report: its name in JSON and the CSV header, and how its values are
 * written.
 *
 * @param name the column name (camelCase)
 * @param type how values are written
 * @param currencyColumn for {@link Type#MONEY}, the column holding the row's currency
 */
public record Column(String name, Type type, @Nullable String currencyColumn) {

	public static Column text(String name) {
		return new Column(name, Type.TEXT, null);
	}

	public static Column integer(String name) {
		return new Column(name, Type.INTEGER, null);
	}

	public static Column date(String name) {
		return new Column(name, Type.DATE, null);
	}

	public static Column decimal(String name) {
		return new Column(name, Type.DECIMAL, null);
	}

	/**
	 * @param name the column, holding minor units
	 * @param currencyColumn the column holding the row's currency
	 * @return a money column, written as a decimal in the currency's minor unit
	 */
	public static Column money(String name, String currencyColumn) {
		return new Column(name, Type.MONEY, currencyColumn);
	}

	/** How a column's values are written. */
	public enum Type {

		/** Text as it is. */
		TEXT,
		/** A whole number. */
		INTEGER,
		/** An ISO date, {@code 2026-03-01}. */
		DATE,
		/** A decimal number written in full ({@code 0.25}). */
		DECIMAL,
		/**
		 * Minor units written as a decimal in the row's currency ({@code 1234.50},
		 * {@code 1200}).
		 */
		MONEY;

		public String json() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}

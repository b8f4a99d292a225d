package com.atelier.platform.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Objects;

/**
 * How a converted price is rounded in one currency: to a multiple of an increment, in a
 * direction. "EUR to whole euros" is an increment of {@code 1.00} EUR; "JPY to the
 * nearest 100" is {@code 100} JPY, half up.
 *
 * @param increment the step prices land on, in the currency, at least one minor unit
 * @param mode {@code UP}, {@code DOWN} or {@code HALF_UP}
 */
public record RoundingRule(Money increment, Mode mode) {

	public RoundingRule {
		Objects.requireNonNull(increment, "increment");
		Objects.requireNonNull(mode, "mode");
		if (increment.minor() <= 0) {
			throw new IllegalArgumentException("the rounding increment must be positive");
		}
	}

	/** Rounds to the minor unit only (half up). */
	public static RoundingRule minorUnit(CurrencyCode currency) {
		return new RoundingRule(Money.ofMinor(1, currency), Mode.HALF_UP);
	}

	/**
	 * Rounds an exact amount in this rule's currency, given in major units.
	 * @param exact the amount, any precision
	 * @return the price
	 * @throws IllegalArgumentException when the price would not fit in an amount
	 */
	public Money round(BigDecimal exact) {
		CurrencyCode currency = this.increment.currency();
		BigDecimal minor = exact.movePointRight(currency.exponent());
		if (minor.abs().compareTo(LIMIT) > 0) {
			throw new IllegalArgumentException(exact.toPlainString().length() > 40 ? "the amount is too large"
					: "'" + exact.toPlainString() + "' is too large for an amount of " + currency);
		}
		BigDecimal steps = minor.divide(BigDecimal.valueOf(this.increment.minor()), 0, this.mode.java);
		return Money.ofMinor(steps.multiply(BigDecimal.valueOf(this.increment.minor())).longValueExact(), currency);
	}

	/** Amounts are below 2^62 minor units (see {@link Money#parse}). */
	private static final BigDecimal LIMIT = BigDecimal.valueOf(1L << 61);

	/**
	 * Directions of rounding.
	 */
	public enum Mode {

		UP(RoundingMode.CEILING), DOWN(RoundingMode.FLOOR), HALF_UP(RoundingMode.HALF_UP);

		private final RoundingMode java;

		Mode(RoundingMode java) {
			this.java = java;
		}

		public static Mode parse(String value) {
			return valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
		}

	}

}

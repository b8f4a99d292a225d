package com.atelier.platform.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An exact amount of one currency, in its minor units (cents for EUR, yen for JPY, fils
 * for BHD). There is no default currency; adding or comparing two currencies throws. The
 * decimal form always has exactly the currency's exponent of fraction digits
 * ({@code "12.50"} EUR, {@code "1250"} JPY, {@code "12.345"} BHD).
 *
 * @param minor the amount in minor units
 * @param currency the currency
 */
public record Money(long minor, CurrencyCode currency) implements Comparable<Money> {

	private static final Pattern PLAIN_DECIMAL = Pattern.compile("[-+]?[0-9]+(\\.[0-9]+)?");

	public Money {
		Objects.requireNonNull(currency, "currency");
	}

	public static Money ofMinor(long minor, CurrencyCode currency) {
		return new Money(minor, currency);
	}

	public static Money zero(CurrencyCode currency) {
		return new Money(0, currency);
	}

	/**
	 * Parses a decimal amount with at most the currency's number of fraction digits.
	 * @param decimal e.g. {@code "1250.00"}
	 * @param currency the currency
	 * @return the amount
	 * @throws IllegalArgumentException when the amount has more fraction digits than the
	 * currency allows or is not a number
	 */
	public static Money parse(String decimal, CurrencyCode currency) {
		String text = decimal.strip();
		// Plain decimals only: an exponent ("1E99999999") would make the exact
		// conversion below build a number of hundreds of millions of digits.
		if (!PLAIN_DECIMAL.matcher(text).matches()) {
			throw new IllegalArgumentException(
					"'" + abbreviate(text) + "' is not an amount (a plain decimal such as 1250.00)");
		}
		if (text.length() > 40) {
			throw new IllegalArgumentException("'" + abbreviate(text) + "' is too large");
		}
		BigDecimal value;
		try {
			value = new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("'" + abbreviate(text) + "' is not an amount");
		}
		int exponent = currency.exponent();
		if (value.scale() > exponent) {
			throw new IllegalArgumentException("'" + abbreviate(text) + "' has more than " + exponent
					+ " decimal places, the" + " most " + currency + " allows");
		}
		BigInteger minor = value.movePointRight(exponent).toBigIntegerExact();
		if (minor.bitLength() > 62) {
			throw new IllegalArgumentException("'" + abbreviate(text) + "' is too large");
		}
		return new Money(minor.longValueExact(), currency);
	}

	private static String abbreviate(String text) {
		return (text.length() <= 40) ? text : text.substring(0, 40) + "...";
	}

	public Money plus(Money other) {
		sameCurrency(other);
		return new Money(Math.addExact(this.minor, other.minor), this.currency);
	}

	public Money minus(Money other) {
		sameCurrency(other);
		return new Money(Math.subtractExact(this.minor, other.minor), this.currency);
	}

	public Money times(long factor) {
		return new Money(Math.multiplyExact(this.minor, factor), this.currency);
	}

	public boolean isNegative() {
		return this.minor < 0;
	}

	/** The amount as a decimal with exactly the currency's fraction digits. */
	public BigDecimal toDecimal() {
		return BigDecimal.valueOf(this.minor, this.currency.exponent());
	}

	/** {@link #toDecimal()} as a plain string, e.g. {@code "1250.00"}. */
	public String amount() {
		return toDecimal().toPlainString();
	}

	@Override
	public int compareTo(Money other) {
		sameCurrency(other);
		return Long.compare(this.minor, other.minor);
	}

	private void sameCurrency(Money other) {
		if (!this.currency.equals(other.currency)) {
			throw new CurrencyMismatch(this.currency, other.currency);
		}
	}

	@Override
	public String toString() {
		return this.currency + " " + amount();
	}

}

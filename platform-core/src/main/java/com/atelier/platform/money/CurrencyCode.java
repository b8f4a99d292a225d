package com.atelier.platform.money;

import java.util.Currency;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An ISO 4217 currency that can carry prices: a known code with a minor-unit exponent
 * (JPY 0, EUR 2, BHD 3). Codes without minor units, such as XAU or XXX, are refused.
 *
 * @param code the upper-case three-letter code
 */
public record CurrencyCode(String code) {

	private static final Pattern CODE = Pattern.compile("^[A-Z]{3}$");

	public CurrencyCode {
		Objects.requireNonNull(code, "code");
		if (!isUsable(code)) {
			throw new IllegalArgumentException("not an ISO 4217 currency with minor units: " + code);
		}
	}

	/**
	 * Parses a currency code as a client sent it.
	 * @param code the candidate code, exactly three upper-case letters
	 * @return the currency, or empty when the code is not a usable ISO 4217 currency
	 */
	public static Optional<CurrencyCode> parse(String code) {
		return isUsable(code) ? Optional.of(new CurrencyCode(code)) : Optional.empty();
	}

	private static boolean isUsable(String code) {
		if (!CODE.matcher(code).matches()) {
			return false;
		}
		try {
			return Currency.getInstance(code).getDefaultFractionDigits() >= 0;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** Digits after the decimal point in this currency's minor unit. */
	public int exponent() {
		return Currency.getInstance(this.code).getDefaultFractionDigits();
	}

	@Override
	public String toString() {
		return this.code;
	}

}

package com.atelier.platform.payments.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.atelier.platform.money.CurrencyCode;
import com.atelier.platform.money.Money;

/**
 * Converts between Atelier amounts ({@link Money#minor()}, ISO 4217 minor units) and the
 * integer {@code amount} of Stripe's API. Stripe takes amounts in the currency's smallest
 * unit, which is the ISO 4217 minor unit except in the cases below (Stripe's "Supported
 * currencies" documentation, sections "Zero-decimal currencies", "Three-decimal
 * currencies" and "Special cases"):
 * <ul>
 * <li><b>ISK and UGX</b> have no minor unit in ISO 4217 (exponent 0), but for backwards
 * compatibility Stripe still takes them as two-decimal amounts whose last two digits are
 * always {@code 00}: ISK 5 is sent as {@code 500}. An Atelier amount is multiplied by
 * 100; a Stripe amount that is not a multiple of 100 cannot be represented and is
 * refused.</li>
 * <li><b>MGA</b> has two decimals in ISO 4217 (and in the JDK), but Stripe lists it as a
 * zero-decimal currency: MGA 5.00 (minor 500) is sent as {@code 5}. An Atelier amount
 * with a fraction of an ariary cannot be charged and is refused, never rounded.</li>
 * <li><b>BHD, JOD, KWD, OMR and TND</b> have three decimals in both, but Stripe requires
 * the last digit to be 0 (amounts in multiples of 0.010). BHD 12.340 is sent as
 * {@code 12340}; BHD 12.345 cannot be charged and is refused, never rounded.</li>
 * </ul>
 * Every other currency, including Stripe's other zero-decimal currencies (JPY, KRW, CLP,
 * ...), which are zero-decimal in ISO 4217 as well, is sent in its ISO minor units
 * unchanged. HUF and TWD are two-decimal for charges and refunds; Stripe only treats them
 * as zero-decimal for payouts, which Atelier does not make.
 */
public final class StripeAmounts {

	/** Zero-decimal in ISO 4217, two-decimal (always {@code 00}) at Stripe. */
	private static final Set<String> TWO_DECIMALS_AT_STRIPE = Set.of("ISK", "UGX");

	/** Two-decimal in ISO 4217, zero-decimal at Stripe. */
	private static final Set<String> ZERO_DECIMALS_AT_STRIPE = Set.of("MGA");

	/** Three-decimal currencies whose Stripe amounts must end in 0. */
	private static final Set<String> THREE_DECIMALS_IN_TENS = Set.of("BHD", "JOD", "KWD", "OMR", "TND");

	private StripeAmounts() {
	}

	/**
	 * The number of decimals Stripe's {@code amount} has in this currency.
	 * @param currency the currency
	 * @return e.g. 2 for EUR and for ISK, 0 for JPY and for MGA, 3 for BHD
	 */
	public static int stripeDecimals(CurrencyCode currency) {
		if (TWO_DECIMALS_AT_STRIPE.contains(currency.code())) {
			return 2;
		}
		if (ZERO_DECIMALS_AT_STRIPE.contains(currency.code())) {
			return 0;
		}
		return currency.exponent();
	}

	/**
	 * The currency as Stripe's API expects it.
	 * @param currency the currency
	 * @return the lower-case code, e.g. {@code eur}
	 */
	public static String currency(CurrencyCode currency) {
		return currency.code().toLowerCase(Locale.ROOT);
	}

	/**
	 * Reads a currency as Stripe's API returns it.
	 * @param stripeCurrency e.g. {@code eur}
	 * @return the currency, or empty when it is not a usable ISO 4217 currency
	 */
	public static Optional<CurrencyCode> currencyOf(String stripeCurrency) {
		return CurrencyCode.parse(stripeCurrency.toUpperCase(Locale.ROOT));
	}

	/**
	 * Whether Stripe can take exactly this amount.
	 * @param amount the amount
	 * @return false when it would have to be rounded (BHD 12.345, MGA 0.50) or is too
	 * large
	 */
	public static boolean isChargeable(Money amount) {
		try {
			toStripe(amount);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * The amount as Stripe's {@code amount} parameter.
	 * @param amount the amount
	 * @return the amount in Stripe's smallest unit of its currency
	 * @throws IllegalArgumentException when Stripe cannot take exactly this amount; the
	 * message says why and may be shown to staff or shoppers
	 */
	public static long toStripe(Money amount) {
		CurrencyCode currency = amount.currency();
		int shift = stripeDecimals(currency) - currency.exponent();
		long stripe;
		if (shift >= 0) {
			try {
				stripe = Math.multiplyExact(amount.minor(), pow10(shift));
			}
			catch (ArithmeticException ex) {
				throw new IllegalArgumentException(amount + " is too large to charge through Stripe");
			}
		}
		else {
			long divisor = pow10(-shift);
			if (amount.minor() % divisor != 0) {
				throw new IllegalArgumentException(
						amount + " cannot be charged through Stripe, which takes " + currency + " in whole units only");
			}
			stripe = amount.minor() / divisor;
		}
		if (THREE_DECIMALS_IN_TENS.contains(currency.code()) && stripe % 10 != 0) {
			throw new IllegalArgumentException(amount + " cannot be charged through Stripe, which takes " + currency
					+ " amounts in multiples of " + Money.ofMinor(10, currency).amount());
		}
		return stripe;
	}

	/**
	 * Reads an {@code amount} returned by Stripe.
	 * @param stripeAmount the amount in Stripe's smallest unit of the currency
	 * @param currency the currency of that amount
	 * @return the amount
	 * @throws IllegalArgumentException when the amount has no exact Atelier equivalent
	 * (e.g. a fractional ISK amount from before Stripe made ISK whole-unit only)
	 */
	public static Money fromStripe(long stripeAmount, CurrencyCode currency) {
		int shift = currency.exponent() - stripeDecimals(currency);
		if (shift >= 0) {
			try {
				return Money.ofMinor(Math.multiplyExact(stripeAmount, pow10(shift)), currency);
			}
			catch (ArithmeticException ex) {
				throw new IllegalArgumentException("Stripe amount " + stripeAmount + " " + currency + " is too large");
			}
		}
		long divisor = pow10(-shift);
		if (stripeAmount % divisor != 0) {
			throw new IllegalArgumentException("Stripe amount " + stripeAmount + " " + currency
					+ " has a fraction of the currency's smallest unit");
		}
		return Money.ofMinor(stripeAmount / divisor, currency);
	}

	private static long pow10(int exponent) {
		long result = 1;
		for (int i = 0; i < exponent; i++) {
			result = Math.multiplyExact(result, 10L);
		}
		return result;
	}

}

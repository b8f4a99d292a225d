package com.atelier.admin;

import org.jspecify.annotations.Nullable;

import com.atelier.platform.money.Money;

/**
 * Money in every admin API response: the decimal amount with exactly the currency's
 * exponent, and the currency, e.g. {@code {"amount":"1250.00","currency":"EUR"}}.
 *
 * @param amount decimal string
 * @param currency ISO 4217
 */
public record MoneyJson(String amount, String currency) {

	public static @Nullable MoneyJson of(@Nullable Money money) {
		return (money != null) ? new MoneyJson(money.amount(), money.currency().code()) : null;
	}

}

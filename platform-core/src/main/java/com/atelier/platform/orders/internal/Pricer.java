package com.atelier.platform.orders.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.atelier.platform.money.CurrencyCode;
import com.atelier.platform.money.Money;
import com.atelier.platform.orders.Totals;

/**
 * Prices a cart the way it will be charged. All amounts are integers of the currency's
 * minor unit (yen, cents, fils), so rounding "to the currency's exponent" is rounding to
 * a whole minor unit, half up, once per line and once for shipping; the order's tax is
 * the sum of those rounded amounts, and the total is the sum of rounded parts. What the
 * provider is asked to charge is this total, unchanged.
 * <ul>
 * <li>Prices including tax: a line's tax is {@code subtotal × rate / (1 + rate)}; the
 * total is subtotal + shipping.</li>
 * <li>Prices excluding tax: a line's tax is {@code subtotal × rate}; the total is
 * subtotal + shipping + tax.</li>
 * </ul>
 * Shipping is taxed at the destination's rate, like the goods.
 */
final class Pricer {

	private Pricer() {
	}

	/**
	 * @param unitMinor unit price
	 * @param quantity units
	 * @return the line's subtotal in minor units
	 */
	static long subtotal(long unitMinor, int quantity) {
		return Math.multiplyExact(unitMinor, quantity);
	}

	/**
	 * @param amountMinor a line subtotal or shipping amount
	 * @param rate e.g. 0.2
	 * @param included whether the amount already includes tax
	 * @return the tax in whole minor units
	 */
	static long tax(long amountMinor, BigDecimal rate, boolean included) {
		if (rate.signum() == 0 || amountMinor == 0) {
			return 0;
		}
		BigDecimal amount = BigDecimal.valueOf(amountMinor);
		BigDecimal tax = included ? amount.multiply(rate).divide(BigDecimal.ONE.add(rate), 0, RoundingMode.HALF_UP)
				: amount.multiply(rate).setScale(0, RoundingMode.HALF_UP);
		return tax.longValueExact();
	}

	/**
	 * @param currency the cart's currency
	 * @param lines subtotals and taxes of the lines
	 * @param shippingMinor shipping before tax treatment (0 when free or not chosen)
	 * @param rate the destination's rate
	 * @param included whether prices include tax
	 * @return the totals
	 */
	static Totals totals(CurrencyCode currency, List<Priced> lines, long shippingMinor, BigDecimal rate,
			boolean included) {
		long subtotal = 0;
		long tax = 0;
		for (Priced line : lines) {
			subtotal = Math.addExact(subtotal, line.subtotal());
			tax = Math.addExact(tax, line.tax());
		}
		long shippingTax = tax(shippingMinor, rate, included);
		tax = Math.addExact(tax, shippingTax);
		long total = Math.addExact(subtotal, shippingMinor);
		if (!included) {
			total = Math.addExact(total, tax);
		}
		return new Totals(Money.ofMinor(subtotal, currency), Money.zero(currency),
				Money.ofMinor(shippingMinor, currency), Money.ofMinor(tax, currency), Money.ofMinor(total, currency),
				included);
	}

	/**
	 * Shipping for a subtotal: the method's amount, or nothing from its free threshold.
	 * @param amountMinor the method's amount
	 * @param freeFromMinor free from this subtotal, or null
	 * @param subtotalMinor the lines' subtotal
	 * @return what shipping costs
	 */
	static long shipping(long amountMinor, @Nullable Long freeFromMinor, long subtotalMinor) {
		return (freeFromMinor != null && subtotalMinor >= freeFromMinor) ? 0 : amountMinor;
	}

	static List<Priced> price(List<long[]> unitAndQuantity, BigDecimal rate, boolean included) {
		List<Priced> priced = new ArrayList<>();
		for (long[] line : unitAndQuantity) {
			long subtotal = subtotal(line[0], (int) line[1]);
			priced.add(new Priced(subtotal, tax(subtotal, rate, included)));
		}
		return priced;
	}

	/**
	 * @param subtotal the line's subtotal, minor units
	 * @param tax its tax, minor units
	 */
	record Priced(long subtotal, long tax) {
	}

}

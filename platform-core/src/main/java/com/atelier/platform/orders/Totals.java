package com.atelier.platform.orders;

import com.atelier.platform.money.Money;

/**
 * Amounts of a cart or order, each rounded to the currency's minor unit exactly as it is
 * charged. {@code total = subtotal - discount + shipping} when prices include tax, and
 * {@code + tax} as well when they do not.
 *
 * @param subtotal the lines
 * @param discount discounts (none yet)
 * @param shipping shipping
 * @param tax tax, included in the other amounts or added to them
 * @param total what the shopper pays
 * @param taxIncluded whether prices include tax
 */
public record Totals(Money subtotal, Money discount, Money shipping, Money tax, Money total, boolean taxIncluded) {
}

package com.atelier.platform.orders.internal;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.atelier.platform.money.CurrencyCode;
import com.atelier.platform.orders.Totals;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Totals are sums of amounts each rounded to a whole minor unit (PITFALLS 15).
 */
class PricerTest {

	static final CurrencyCode JPY = new CurrencyCode("JPY");

	static final CurrencyCode BHD = new CurrencyCode("BHD");

	static final CurrencyCode EUR = new CurrencyCode("EUR");

	@Test
	void yen_have_no_fractions_to_lose() {
		// 15555 × 3 = 46665, 10 % on top = 4666.5 → 4667 yen; shipping 1555 → 155.5 →
		// 156.
		List<Pricer.Priced> lines = Pricer.price(List.<long[]>of(new long[] { 15555, 3 }), new BigDecimal("0.1"),
				false);
		Totals totals = Pricer.totals(JPY, lines, 1555, new BigDecimal("0.1"), false);

		assertThat(totals.subtotal().amount()).isEqualTo("46665");
		assertThat(totals.tax().amount()).isEqualTo("4823");
		assertThat(totals.total().amount()).isEqualTo("53043");
		assertThat(totals.total().minor()).isEqualTo(46665 + 1555 + 4823);
	}

	@Test
	void dinars_keep_three_decimals_and_tax_included_is_extracted() {
		// 3.335 × 3 = 10.005 incl. 10 %: tax = 10.005 × 0.1 / 1.1 = 0.90954… → 0.910.
		List<Pricer.Priced> lines = Pricer.price(List.<long[]>of(new long[] { 3335, 3 }), new BigDecimal("0.1"), true);
		Totals totals = Pricer.totals(BHD, lines, 2000, new BigDecimal("0.1"), true);

		assertThat(lines.get(0).tax()).isEqualTo(910);
		assertThat(totals.tax().amount()).isEqualTo("1.092");
		assertThat(totals.total().amount()).as("tax included: not added again").isEqualTo("12.005");
	}

	@Test
	void each_line_is_rounded_before_the_sum() {
		// Two lines of 0.05 EUR at 10 % on top: 0.005 each → 0.01 each → 0.02, not
		// round(0.01).
		List<Pricer.Priced> lines = Pricer.price(List.<long[]>of(new long[] { 5, 1 }, new long[] { 5, 1 }),
				new BigDecimal("0.1"), false);
		Totals totals = Pricer.totals(EUR, lines, 0, new BigDecimal("0.1"), false);

		assertThat(totals.tax().amount()).isEqualTo("0.02");
		assertThat(totals.total().amount()).isEqualTo("0.12");
	}

	@Test
	void shipping_is_free_from_its_threshold() {
		assertThat(Pricer.shipping(1500, 50000L, 49999)).isEqualTo(1500);
		assertThat(Pricer.shipping(1500, 50000L, 50000)).isZero();
		assertThat(Pricer.shipping(1500, null, 1_000_000)).isEqualTo(1500);
	}

	@Test
	void no_rate_no_tax() {
		assertThat(Pricer.tax(12345, BigDecimal.ZERO, true)).isZero();
		assertThat(Pricer.tax(0, new BigDecimal("0.2"), false)).isZero();
	}

}

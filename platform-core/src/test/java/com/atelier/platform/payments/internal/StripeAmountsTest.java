package com.atelier.platform.payments.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.atelier.platform.money.CurrencyCode;
import com.atelier.platform.money.Money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StripeAmountsTest {

	static final CurrencyCode EUR = new CurrencyCode("EUR");

	static final CurrencyCode JPY = new CurrencyCode("JPY");

	static final CurrencyCode BHD = new CurrencyCode("BHD");

	static final CurrencyCode ISK = new CurrencyCode("ISK");

	static final CurrencyCode UGX = new CurrencyCode("UGX");

	static final CurrencyCode MGA = new CurrencyCode("MGA");

	@Test
	void most_currencies_are_sent_in_their_iso_minor_units() {
		assertThat(StripeAmounts.toStripe(Money.parse("12.50", EUR))).isEqualTo(1250);
		assertThat(StripeAmounts.toStripe(Money.parse("150000", JPY))).isEqualTo(150000);
		assertThat(StripeAmounts.toStripe(Money.parse("1000", new CurrencyCode("KRW")))).isEqualTo(1000);
		// HUF and TWD are zero-decimal at Stripe for payouts only; charges keep decimals.
		assertThat(StripeAmounts.toStripe(Money.parse("10.45", new CurrencyCode("HUF")))).isEqualTo(1045);
		assertThat(StripeAmounts.toStripe(Money.parse("99.99", new CurrencyCode("TWD")))).isEqualTo(9999);
		assertThat(StripeAmounts.fromStripe(1250, EUR)).isEqualTo(Money.parse("12.50", EUR));
		assertThat(StripeAmounts.fromStripe(150000, JPY)).isEqualTo(Money.parse("150000", JPY));
		assertThat(StripeAmounts.stripeDecimals(EUR)).isEqualTo(2);
		assertThat(StripeAmounts.stripeDecimals(JPY)).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "BHD", "JOD", "KWD", "OMR", "TND" })
	void three_decimal_currencies_must_be_multiples_of_ten(String code) {
		CurrencyCode currency = new CurrencyCode(code);
		assertThat(StripeAmounts.stripeDecimals(currency)).isEqualTo(3);
		assertThat(StripeAmounts.toStripe(Money.parse("12.340", currency))).isEqualTo(12340);
		assertThat(StripeAmounts.isChargeable(Money.parse("12.340", currency))).isTrue();
		assertThat(StripeAmounts.isChargeable(Money.parse("12.345", currency))).isFalse();
		assertThatThrownBy(() -> StripeAmounts.toStripe(Money.parse("12.345", currency)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining(code + " 12.345")
			.hasMessageContaining("multiples of 0.010");
		assertThat(StripeAmounts.fromStripe(12340, currency)).isEqualTo(Money.parse("12.340", currency));
	}

	@Test
	void isk_and_ugx_are_sent_with_two_decimals_that_are_always_zero() {
		assertThat(StripeAmounts.stripeDecimals(ISK)).isEqualTo(2);
		assertThat(StripeAmounts.stripeDecimals(UGX)).isEqualTo(2);
		assertThat(StripeAmounts.toStripe(Money.parse("5", ISK))).isEqualTo(500);
		assertThat(StripeAmounts.toStripe(Money.parse("5000", UGX))).isEqualTo(500000);
		assertThat(StripeAmounts.fromStripe(500, ISK)).isEqualTo(Money.parse("5", ISK));
		assertThat(StripeAmounts.fromStripe(500000, UGX)).isEqualTo(Money.parse("5000", UGX));
		// Fractional króna from before Stripe made ISK whole-unit only: not
		// representable.
		assertThatThrownBy(() -> StripeAmounts.fromStripe(4010, ISK)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("fraction");
		assertThatThrownBy(() -> StripeAmounts.toStripe(Money.ofMinor(Long.MAX_VALUE / 10, ISK)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("too large");
	}

	@Test
	void mga_is_sent_without_its_iso_decimals_and_fractions_are_refused() {
		assertThat(MGA.exponent()).isEqualTo(2);
		assertThat(StripeAmounts.stripeDecimals(MGA)).isZero();
		assertThat(StripeAmounts.toStripe(Money.parse("5000.00", MGA))).isEqualTo(5000);
		assertThat(StripeAmounts.fromStripe(5000, MGA)).isEqualTo(Money.parse("5000.00", MGA));
		assertThat(StripeAmounts.isChargeable(Money.parse("5000.50", MGA))).isFalse();
		assertThatThrownBy(() -> StripeAmounts.toStripe(Money.parse("5000.50", MGA)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("whole units");
	}

	@Test
	void currencies_are_lower_case_at_stripe() {
		assertThat(StripeAmounts.currency(EUR)).isEqualTo("eur");
		assertThat(StripeAmounts.currencyOf("bhd")).contains(BHD);
		assertThat(StripeAmounts.currencyOf("xyz")).isEmpty();
	}

}

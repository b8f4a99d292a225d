package com.atelier.platform.money;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

	static final CurrencyCode EUR = new CurrencyCode("EUR");

	static final CurrencyCode JPY = new CurrencyCode("JPY");

	static final CurrencyCode BHD = new CurrencyCode("BHD");

	@Test
	void amounts_keep_exactly_the_currencys_exponent() {
		assertThat(Money.parse("12.5", EUR).amount()).isEqualTo("12.50");
		assertThat(Money.parse("12.5", EUR).minor()).isEqualTo(1250);
		assertThat(Money.parse("125000", JPY).amount()).isEqualTo("125000");
		assertThat(Money.parse("12.345", BHD).minor()).isEqualTo(12345);
		assertThat(Money.parse("12.345", BHD).amount()).isEqualTo("12.345");
		assertThat(Money.ofMinor(5, BHD).amount()).isEqualTo("0.005");
	}

	@Test
	void too_many_decimals_or_non_numbers_are_refused() {
		assertThatThrownBy(() -> Money.parse("12.345", EUR)).hasMessageContaining("2 decimal places");
		assertThatThrownBy(() -> Money.parse("1250.5", JPY)).hasMessageContaining("0 decimal places");
		assertThatThrownBy(() -> Money.parse("12.3456", BHD)).hasMessageContaining("3 decimal places");
		assertThatThrownBy(() -> Money.parse("12,50", EUR)).hasMessageContaining("not an amount");
		assertThatThrownBy(() -> Money.parse("99999999999999999999", EUR)).hasMessageContaining("too large");
	}

	@Test
	@Timeout(2)
	void exponents_and_huge_inputs_are_refused_at_once() {
		assertThatThrownBy(() -> Money.parse("1E99999999", EUR)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("not an amount");
		assertThatThrownBy(() -> Money.parse("1E+2147483647", EUR)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Money.parse("1".repeat(100_000), EUR)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("too large");
		assertThatThrownBy(() -> Money.parse("0x10", EUR)).isInstanceOf(IllegalArgumentException.class);
		assertThat(Money.parse(" -12.50 ", EUR).minor()).isEqualTo(-1250);
	}

	@Test
	void currencies_never_mix() {
		assertThatThrownBy(() -> Money.parse("1", EUR).plus(Money.parse("1", JPY)))
			.isInstanceOf(CurrencyMismatch.class);
		assertThatThrownBy(() -> Money.parse("1", EUR).compareTo(Money.parse("1", BHD)))
			.isInstanceOf(CurrencyMismatch.class);
		assertThat(Money.parse("1", EUR)).isNotEqualTo(Money.parse("1.00", new CurrencyCode("USD")));
		assertThat(Money.parse("1.10", EUR).plus(Money.parse("2.05", EUR))).isEqualTo(Money.parse("3.15", EUR));
		assertThat(Money.parse("1.10", EUR)).hasToString("EUR 1.10");
	}

	@Test
	void rounding_rules_land_on_their_increment() {
		RoundingRule wholeEuros = new RoundingRule(Money.parse("1", EUR), RoundingRule.Mode.HALF_UP);
		assertThat(wholeEuros.round(new BigDecimal("1249.50"))).isEqualTo(Money.parse("1250", EUR));
		assertThat(wholeEuros.round(new BigDecimal("1249.49"))).isEqualTo(Money.parse("1249", EUR));
		RoundingRule yenHundreds = new RoundingRule(Money.parse("100", JPY), RoundingRule.Mode.HALF_UP);
		assertThat(yenHundreds.round(new BigDecimal("197424.7"))).isEqualTo(Money.parse("197400", JPY));
		assertThat(yenHundreds.round(new BigDecimal("197450"))).isEqualTo(Money.parse("197500", JPY));
		RoundingRule up = new RoundingRule(Money.parse("10", EUR), RoundingRule.Mode.UP);
		assertThat(up.round(new BigDecimal("1201"))).isEqualTo(Money.parse("1210", EUR));
		RoundingRule fils = RoundingRule.minorUnit(BHD);
		assertThat(fils.round(new BigDecimal("12.3455"))).isEqualTo(Money.parse("12.346", BHD));
		assertThatThrownBy(() -> new RoundingRule(Money.zero(EUR), RoundingRule.Mode.UP))
			.hasMessageContaining("positive");
	}

}

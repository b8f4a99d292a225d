package com.atelier.platform.ratelimit;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LimitTest {

	@Test
	void rates_are_read_and_written_in_the_largest_whole_unit() {
		assertThat(Limit.parse("600/1m")).isEqualTo(Limit.of(600, Duration.ofMinutes(1)));
		assertThat(Limit.parse(" 30 / m ")).isEqualTo(Limit.of(30, Duration.ofMinutes(1)));
		assertThat(Limit.parse("5/10s").toString()).isEqualTo("5/10s");
		assertThat(Limit.parse("100/120s").toString()).isEqualTo("100/2m");
		assertThat(Limit.parse("10000/1H").toString()).isEqualTo("10000/1h");
		assertThat(Limit.parse("1/1d").period()).isEqualTo(Duration.ofDays(1));
	}

	@Test
	void anything_else_is_refused() {
		for (String bad : new String[] { "", "lots", "0/1m", "5/0s", "-1/1m", "5/2d", "1000000000/1m", "5/1w",
				"5/99999999s" }) {
			assertThatThrownBy(() -> Limit.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
		}
	}

	@Test
	void ipv6_clients_are_counted_by_their_64_bit_prefix() {
		assertThat(ClientAddress.key("203.0.113.7")).isEqualTo("203.0.113.7");
		assertThat(ClientAddress.key("2001:db8:1:2:aaaa::1")).isEqualTo(ClientAddress.key("2001:db8:1:2:bbbb::99"))
			.isEqualTo("2001:db8:1:2::/64");
		assertThat(ClientAddress.key("2001:db8:1:3::1")).isNotEqualTo(ClientAddress.key("2001:db8:1:2::1"));
	}

	@Test
	void retry_after_is_whole_seconds_rounded_up() {
		assertThat(RateLimitProblems.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
		assertThat(RateLimitProblems.retryAfterSeconds(Duration.ofMillis(1_001))).isEqualTo(2);
		assertThat(RateLimitProblems.retryAfterSeconds(Duration.ofSeconds(13))).isEqualTo(13);
	}

}

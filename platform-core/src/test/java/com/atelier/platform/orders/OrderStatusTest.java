package com.atelier.platform.orders;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order life cycle: which transitions exist.
 */
class OrderStatusTest {

	@Test
	void a_placed_order_is_paid_or_cancelled_and_nothing_else() {
		assertThat(OrderStatus.PLACED.canBecome(OrderStatus.PAID)).isTrue();
		assertThat(OrderStatus.PLACED.canBecome(OrderStatus.CANCELLED)).isTrue();
		assertThat(OrderStatus.PLACED.canBecome(OrderStatus.FULFILLED)).isFalse();
		assertThat(OrderStatus.PLACED.canBecome(OrderStatus.REFUNDED)).isFalse();
	}

	@Test
	void shipped_orders_are_refunded_not_cancelled() {
		assertThat(OrderStatus.PARTIALLY_FULFILLED.canBecome(OrderStatus.CANCELLED)).isFalse();
		assertThat(OrderStatus.FULFILLED.canBecome(OrderStatus.CANCELLED)).isFalse();
		assertThat(OrderStatus.FULFILLED.canBecome(OrderStatus.PARTIALLY_REFUNDED)).isTrue();
	}

	@Test
	void cancelled_and_refunded_are_final() {
		for (OrderStatus next : OrderStatus.values()) {
			assertThat(OrderStatus.CANCELLED.canBecome(next)).isFalse();
			assertThat(OrderStatus.REFUNDED.canBecome(next)).isFalse();
		}
	}

	@Test
	void the_wire_name_is_lower_case() {
		assertThat(OrderStatus.PARTIALLY_REFUNDED.wire()).isEqualTo("partially_refunded");
	}

}

package com.atelier.platform.orders;

import java.time.Instant;
import java.util.UUID;

import com.atelier.platform.money.Money;

/**
 * An order in a list.
 *
 * @param id id
 * @param number number
 * @param status status
 * @param email shopper's email
 * @param market market handle
 * @param total total
 * @param units units ordered
 * @param placedAt placed
 */
public record OrderSummary(UUID id, long number, OrderStatus status, String email, String market, Money total,
		int units, Instant placedAt) {
}

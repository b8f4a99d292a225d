/**
 * jOOQ implementations of carts, checkout and orders, the reservation expiry job and the
 * order timeline subscriber.
 */
@NullMarked
package com.atelier.platform.orders.internal;

import org.jspecify.annotations.NullMarked;

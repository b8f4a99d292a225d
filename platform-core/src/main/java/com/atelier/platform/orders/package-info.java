/**
 * Carts, checkout with stock reservation, orders, payments on orders, fulfillment,
 * cancellation and refunds; tax rates, shipping methods and checkout settings.
 */
@NullMarked
package com.atelier.platform.orders;

import org.jspecify.annotations.NullMarked;

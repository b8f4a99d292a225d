/**
 * Carts, checkout, a customer's orders and payment provider webhooks.
 */
@NullMarked
package com.atelier.storefront.checkout;

import org.jspecify.annotations.NullMarked;

/**
 * Payment providers: authorize, capture, void, refund and verified webhooks, behind one
 * interface; {@code manual} (bank transfer, in boutique) and a Stripe card adapter.
 */
@NullMarked
package com.atelier.platform.payments;

import org.jspecify.annotations.NullMarked;

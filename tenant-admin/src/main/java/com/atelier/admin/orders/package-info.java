/**
 * Orders (list, capture, fulfil, cancel, refund, notes) and checkout settings (tax rates,
 * shipping methods, reservation time, purchase limits, payment providers).
 */
@NullMarked
package com.atelier.admin.orders;

import org.jspecify.annotations.NullMarked;

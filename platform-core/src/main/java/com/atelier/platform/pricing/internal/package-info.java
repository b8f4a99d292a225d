/**
 * Pricing persistence (jOOQ).
 */
@NullMarked
package com.atelier.platform.pricing.internal;

import org.jspecify.annotations.NullMarked;

/**
 * Markets and their explicit prices per variant; explicit derivation with rounding; the
 * EU Omnibus lowest price.
 */
@NullMarked
package com.atelier.platform.pricing;

import org.jspecify.annotations.NullMarked;

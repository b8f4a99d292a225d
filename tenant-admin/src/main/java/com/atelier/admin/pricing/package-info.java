/**
 * Admin API: pricing.
 */
@NullMarked
package com.atelier.admin.pricing;

import org.jspecify.annotations.NullMarked;

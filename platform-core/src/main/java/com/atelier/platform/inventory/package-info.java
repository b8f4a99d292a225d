/**
 * Stock locations, stock per variant and location, audited adjustments.
 */
@NullMarked
package com.atelier.platform.inventory;

import org.jspecify.annotations.NullMarked;

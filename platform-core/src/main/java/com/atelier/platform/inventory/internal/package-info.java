/**
 * Inventory persistence (jOOQ).
 */
@NullMarked
package com.atelier.platform.inventory.internal;

import org.jspecify.annotations.NullMarked;

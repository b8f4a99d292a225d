/**
 * Admin API: inventory.
 */
@NullMarked
package com.atelier.admin.inventory;

import org.jspecify.annotations.NullMarked;

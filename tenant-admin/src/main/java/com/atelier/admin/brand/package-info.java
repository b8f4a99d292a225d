/**
 * Admin API: brand.
 */
@NullMarked
package com.atelier.admin.brand;

import org.jspecify.annotations.NullMarked;

/**
 * The brand a storefront presents.
 */
@NullMarked
package com.atelier.storefront.brand;

import org.jspecify.annotations.NullMarked;

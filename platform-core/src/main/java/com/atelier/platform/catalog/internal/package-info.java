/**
 * Catalog persistence and the storefront queries (jOOQ).
 */
@NullMarked
package com.atelier.platform.catalog.internal;

import org.jspecify.annotations.NullMarked;

/**
 * Admin API: catalog.
 */
@NullMarked
package com.atelier.admin.catalog;

import org.jspecify.annotations.NullMarked;

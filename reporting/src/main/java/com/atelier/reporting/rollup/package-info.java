/**
 * Roll-ups for platform operators: figures per tenant, gathered tenant by tenant through
 * the directory.
 */
@NullMarked
package com.atelier.reporting.rollup;

import org.jspecify.annotations.NullMarked;

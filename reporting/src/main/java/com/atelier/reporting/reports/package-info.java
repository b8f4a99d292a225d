/**
 * The reports: typed jOOQ queries against the current tenant's schema, and the daily
 * summaries that keep long ranges fast.
 */
@NullMarked
package com.atelier.reporting.reports;

import org.jspecify.annotations.NullMarked;

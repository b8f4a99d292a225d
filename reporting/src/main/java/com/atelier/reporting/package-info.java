/**
 * Per-tenant SQL reports with jOOQ, CSV export and operator roll-ups.
 */
@NullMarked
package com.atelier.reporting;

import org.jspecify.annotations.NullMarked;

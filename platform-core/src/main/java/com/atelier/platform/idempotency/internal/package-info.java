/**
 * Idempotency persistence and the servlet filter.
 */
@NullMarked
package com.atelier.platform.idempotency.internal;

import org.jspecify.annotations.NullMarked;

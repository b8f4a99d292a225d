/**
 * Idempotency-Key for mutating requests: replay, conflict, mismatch.
 */
@NullMarked
package com.atelier.platform.idempotency;

import org.jspecify.annotations.NullMarked;

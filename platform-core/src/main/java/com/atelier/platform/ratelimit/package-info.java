/**
 * API rate limits that hold across nodes (token buckets in PostgreSQL), a brand's own
 * limits, and the fairness limits that keep one brand from taking a node's workers and
 * connections.
 */
@NullMarked
package com.atelier.platform.ratelimit;

import org.jspecify.annotations.NullMarked;

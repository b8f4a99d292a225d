/**
 * Bucket4j on PostgreSQL, the brands' limits in the platform schema, the fairness filter.
 */
@NullMarked
package com.atelier.platform.ratelimit.internal;

import org.jspecify.annotations.NullMarked;

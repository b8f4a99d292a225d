/**
 * Signals between application nodes (PostgreSQL LISTEN/NOTIFY).
 */
@NullMarked
package com.atelier.platform.cluster;

import org.jspecify.annotations.NullMarked;

/**
 * The outbox table, the relay and its delivery bookkeeping.
 */
@NullMarked
package com.atelier.platform.events.internal;

import org.jspecify.annotations.NullMarked;

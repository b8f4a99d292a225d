/**
 * Domain events: written to the outbox in the same transaction as the change that caused
 * them, and handed to subscribers at least once by the relay.
 */
@NullMarked
package com.atelier.platform.events;

import org.jspecify.annotations.NullMarked;

/**
 * The servlet filter that answers 503 for requests that met an unavailable database
 * outside the controllers, and the jOOQ exception translation that stays quiet about it.
 */
@NullMarked
package com.atelier.platform.outage.internal;

import org.jspecify.annotations.NullMarked;

/**
 * Background jobs: each runs periodically on its own thread while the application serves.
 */
@NullMarked
package com.atelier.platform.jobs;

import org.jspecify.annotations.NullMarked;

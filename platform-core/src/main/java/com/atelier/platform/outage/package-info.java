/**
 * How Atelier behaves when PostgreSQL cannot be reached (ADR 31): which failures mean
 * "the database is unavailable", the 503 problem every API answers for them, and quiet
 * logging for requests and background work while it lasts.
 */
@NullMarked
package com.atelier.platform.outage;

import org.jspecify.annotations.NullMarked;

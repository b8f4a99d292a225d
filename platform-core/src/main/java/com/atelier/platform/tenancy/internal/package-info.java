/**
 * Tenancy internals: connection routing, Hibernate and jOOQ integration, Liquibase, the
 * directory store.
 */
@NullMarked
package com.atelier.platform.tenancy.internal;

import org.jspecify.annotations.NullMarked;

/**
 * Provider implementations and per-tenant provider settings.
 */
@NullMarked
package com.atelier.platform.payments.internal;

import org.jspecify.annotations.NullMarked;

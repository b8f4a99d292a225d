/**
 * Identity internals: stores, key encryption, Spring Authorization Server integration.
 */
@NullMarked
package com.atelier.platform.identity.internal;

import org.jspecify.annotations.NullMarked;

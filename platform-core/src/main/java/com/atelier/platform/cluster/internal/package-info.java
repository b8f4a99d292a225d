/**
 * LISTEN/NOTIFY plumbing.
 */
@NullMarked
package com.atelier.platform.cluster.internal;

import org.jspecify.annotations.NullMarked;

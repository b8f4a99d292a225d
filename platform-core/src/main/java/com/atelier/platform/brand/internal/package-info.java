/**
 * Brand settings persistence.
 */
@NullMarked
package com.atelier.platform.brand.internal;

import org.jspecify.annotations.NullMarked;

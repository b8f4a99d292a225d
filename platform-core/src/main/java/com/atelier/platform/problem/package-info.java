/**
 * RFC 9457 problem types shared by every API.
 */
@NullMarked
package com.atelier.platform.problem;

import org.jspecify.annotations.NullMarked;

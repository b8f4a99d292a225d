/**
 * Money and currencies.
 */
@NullMarked
package com.atelier.platform.money;

import org.jspecify.annotations.NullMarked;

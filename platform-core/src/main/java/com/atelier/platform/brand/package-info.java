/**
 * Brand settings: the tenant's name, logo, colours, currency and locales.
 */
@NullMarked
package com.atelier.platform.brand;

import org.jspecify.annotations.NullMarked;

/**
 * Tenant resolution at the HTTP edge.
 */
@NullMarked
package com.atelier.platform.tenancy.web;

import org.jspecify.annotations.NullMarked;

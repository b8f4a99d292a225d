/**
 * Admin API: audit.
 */
@NullMarked
package com.atelier.admin.audit;

import org.jspecify.annotations.NullMarked;

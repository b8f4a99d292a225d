/**
 * Admin API: staff.
 */
@NullMarked
package com.atelier.admin.staff;

import org.jspecify.annotations.NullMarked;

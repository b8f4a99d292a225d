/**
 * Admin console API for brand staff and integrations, under /admin/api/v1.
 */
@NullMarked
package com.atelier.admin;

import org.jspecify.annotations.NullMarked;

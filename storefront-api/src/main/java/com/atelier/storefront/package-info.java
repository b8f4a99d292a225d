/**
 * Storefront API for a brand's shoppers: REST under /storefront/api/v1 and GraphQL; the
 * tenant is the request's host.
 */
@NullMarked
package com.atelier.storefront;

import org.jspecify.annotations.NullMarked;

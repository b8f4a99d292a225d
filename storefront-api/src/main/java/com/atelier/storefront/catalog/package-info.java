/**
 * Storefront: products, collections and markets, in REST and GraphQL, cached per tenant.
 */
@NullMarked
package com.atelier.storefront.catalog;

import org.jspecify.annotations.NullMarked;

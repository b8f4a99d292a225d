/**
 * Storefront: shopper accounts.
 */
@NullMarked
package com.atelier.storefront.customer;

import org.jspecify.annotations.NullMarked;

/**
 * Catalog: products, options, variants, media, translations, collections; and the
 * storefront's read model of them.
 */
@NullMarked
package com.atelier.platform.catalog;

import org.jspecify.annotations.NullMarked;

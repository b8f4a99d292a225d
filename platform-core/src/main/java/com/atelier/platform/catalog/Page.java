package com.atelier.platform.catalog;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of a list, with the cursor of the next page.
 *
 * @param <T> the items' type
 * @param items the items
 * @param next pass as {@code after} for the next page; null at the end
 */
public record Page<T>(List<T> items, @Nullable String next) {
}

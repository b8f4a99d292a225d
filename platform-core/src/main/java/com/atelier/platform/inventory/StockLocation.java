package com.atelier.platform.inventory;

import java.util.UUID;

/**
 * A place stock is held: a warehouse, a boutique.
 *
 * @param id id
 * @param handle e.g. {@code paris-atelier}
 * @param name e.g. Paris atelier
 */
public record StockLocation(UUID id, String handle, String name) {
}

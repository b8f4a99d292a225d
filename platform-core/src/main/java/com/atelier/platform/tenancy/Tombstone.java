package com.atelier.platform.tenancy;

import java.time.Instant;

/**
 * What remains of a deleted tenant: its slug is never given to another tenant.
 *
 * @param id the deleted tenant's id
 * @param slug its slug
 * @param displayName its name
 * @param deletedAt when it was deleted
 * @param deletedBy who deleted it (operator name)
 */
public record Tombstone(TenantId id, TenantSlug slug, String displayName, Instant deletedAt, String deletedBy) {
}

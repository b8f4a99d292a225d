/**
 * Tenancy: the tenant directory, the tenant context, provisioning, migrations and export.
 * Tenants are isolated by PostgreSQL schema.
 */
@NullMarked
package com.atelier.platform.tenancy;

import org.jspecify.annotations.NullMarked;

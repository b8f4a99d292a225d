/**
 * The database the application uses: external (ATELIER_DB_URL) or an embedded PostgreSQL
 * under ./var.
 */
@NullMarked
package com.atelier.infra.db;

import org.jspecify.annotations.NullMarked;

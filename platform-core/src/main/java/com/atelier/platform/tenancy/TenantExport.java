package com.atelier.platform.tenancy;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes every row a tenant owns to a portable archive; the format is documented in
 * {@code docs/tenant-export-format.md}.
 */
public interface TenantExport {

	/**
	 * Exports a consistent snapshot of the tenant. The file appears only when complete.
	 * @param slug the tenant
	 * @param target the zip file to write; must not exist
	 * @return what was written
	 * @throws UnknownTenant when there is no such tenant
	 * @throws IOException when the file cannot be written
	 */
	Summary export(TenantSlug slug, Path target) throws IOException;

	/**
	 * @param file the archive
	 * @param tables how many tables it holds
	 * @param rows how many rows, in all tables
	 */
	record Summary(Path file, int tables, long rows) {
	}

}

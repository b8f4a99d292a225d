package com.atelier.platform.tenancy.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantDirectory;
import com.atelier.platform.tenancy.TenantExport;
import com.atelier.platform.tenancy.TenantSlug;
import com.atelier.platform.tenancy.TenantStatus;
import com.atelier.platform.tenancy.UnknownTenant;

/**
 * Export format 1 (docs/tenant-export-format.md): a zip holding one CSV file per table of
 * the tenant's schema ({@code tables/
 *
<table>
 * .csv}, RFC 4180 with a header row, UTF-8, written by PostgreSQL's COPY) and a
 * {@code manifest.json} describing the tenant, the applied changesets and every table's
 * columns and row count. All tables are read in one repeatable-read, read-only
 * transaction, so they form one consistent snapshot.
 */
final class CsvTenantExport implements TenantExport {

	static final int FORMAT_VERSION = 1;

	private final TenantDirectory directory;

	private final ConnectionRouter router;

	private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	CsvTenantExport(TenantDirectory directory, ConnectionRouter router) {
		this.directory = directory;
		this.router = router;
	}

	@Override
	public Summary export(TenantSlug slug, Path target) throws IOException {
		Tenant tenant = this.directory.findBySlug(slug)
			.filter((t) -> t.status() != TenantStatus.PROVISIONING)
			.orElseThrow(() -> UnknownTenant.forSlug(slug.value()));
		if (Files.exists(target)) {
			throw new FileAlreadyExistsException(target.toString(), null, "refusing to overwrite");
		}
		Path absolute = target.toAbsolutePath();
		Files.createDirectories(absolute.getParent());
		Path partial = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".partial");
		try {
			Summary summary;
			try (OutputStream file = Files.newOutputStream(partial); ZipOutputStream zip = new ZipOutputStream(file)) {
				summary = write(tenant, zip, target);
			}
			Files.move(partial, absolute, StandardCopyOption.ATOMIC_MOVE);
			return summary;
		}
		catch (SQLException ex) {
			throw new IOException("Reading tenant " + slug + " failed: " + ex.getMessage(), ex);
		}
		finally {
			Files.deleteIfExists(partial);
		}
	}

	private Summary write(Tenant tenant, ZipOutputStream zip, Path target) throws SQLException, IOException {
		String schema = tenant.schema().name();
		try (Connection connection = this.router.borrow(tenant.schema())) {
			connection.setAutoCommit(false);
			connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
			connection.setReadOnly(true);
			try {
				List<Map<String, Object>> tables = new ArrayList<>();
				long rows = 0;
				CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
				for (String table : tables(connection, schema)) {
					String file = "tables/" + table + ".csv";
					zip.putNextEntry(new ZipEntry(file));
					long count = copy.copyOut("COPY " + tenant.schema().quoted() + "." + quote(table)
							+ " TO STDOUT WITH (FORMAT csv, HEADER true, ENCODING 'UTF8')", new KeepOpen(zip));
					zip.closeEntry();
					rows += count;
					Map<String, Object> entry = new LinkedHashMap<>();
					entry.put("name", table);
					entry.put("file", file);
					entry.put("rows", count);
					entry.put("columns", columns(connection, schema, table));
					tables.add(entry);
				}
				Map<String, Object> manifest = new LinkedHashMap<>();
				manifest.put("format", "atelier-tenant-export");
				manifest.put("formatVersion", FORMAT_VERSION);
				manifest.put("exportedAt", Instant.now().toString());
				manifest.put("tenant", tenantEntry(tenant));
				manifest.put("changesets", changesets(connection, tenant));
				manifest.put("tables", tables);
				zip.putNextEntry(new ZipEntry("manifest.json"));
				zip.write(this.json.writeValueAsBytes(manifest));
				zip.closeEntry();
				return new Summary(target, tables.size(), rows);
			}
			finally {
				connection.rollback();
				connection.setReadOnly(false);
				connection.setAutoCommit(true);
			}
		}
	}

	private static List<String> tables(Connection connection, String schema) throws SQLException {
		List<String> tables = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement("select table_name from"
				+ " information_schema.tables where table_schema = ? and table_type = 'BASE TABLE'"
				+ " and table_name not in ('databasechangelog', 'databasechangeloglock') order by table_name")) {
			statement.setString(1, schema);
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					tables.add(result.getString(1));
				}
			}
		}
		return tables;
	}

	private static List<Map<String, Object>> columns(Connection connection, String schema, String table)
			throws SQLException {
		List<Map<String, Object>> columns = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement("select column_name,"
				+ " pg_catalog.format_type(a.atttypid, a.atttypmod), is_nullable = 'YES'"
				+ " from information_schema.columns c join pg_catalog.pg_attribute a"
				+ " on a.attrelid = (pg_catalog.quote_ident(c.table_schema) || '.' || pg_catalog.quote_ident(c.table_name))::regclass"
				+ " and a.attname = c.column_name"
				+ " where c.table_schema = ? and c.table_name = ? order by c.ordinal_position")) {
			statement.setString(1, schema);
			statement.setString(2, table);
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					Map<String, Object> column = new LinkedHashMap<>();
					column.put("name", result.getString(1));
					column.put("type", result.getString(2));
					column.put("nullable", result.getBoolean(3));
					columns.add(column);
				}
			}
		}
		return columns;
	}

	private static List<Map<String, Object>> changesets(Connection connection, Tenant tenant) throws SQLException {
		List<Map<String, Object>> changesets = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("select id, author, filename, dateexecuted from "
						+ tenant.schema().quoted() + ".databasechangelog order by orderexecuted")) {
			while (result.next()) {
				Map<String, Object> changeset = new LinkedHashMap<>();
				changeset.put("id", result.getString(1));
				changeset.put("author", result.getString(2));
				changeset.put("file", result.getString(3));
				changeset.put("executedAt", result.getTimestamp(4).toInstant().toString());
				changesets.add(changeset);
			}
		}
		return changesets;
	}

	private static Map<String, Object> tenantEntry(Tenant tenant) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("id", tenant.id().toString());
		entry.put("slug", tenant.slug().value());
		entry.put("displayName", tenant.displayName());
		entry.put("status", tenant.status().name());
		entry.put("schema", tenant.schema().name());
		entry.put("defaultCurrency", tenant.defaultCurrency().code());
		entry.put("defaultLocale", tenant.defaultLocale());
		entry.put("domains", tenant.domains());
		entry.put("createdAt", tenant.createdAt().toString());
		entry.put("migratedTo", tenant.migratedTo());
		return entry;
	}

	private static String quote(String identifier) {
		return '"' + identifier.replace("\"", "\"\"") + '"';
	}

	/** COPY closes the stream it writes to; the zip must stay open for the next entry. */
	private static final class KeepOpen extends FilterOutputStream {

		KeepOpen(OutputStream out) {
			super(out);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			this.out.write(b, off, len);
		}

		@Override
		public void close() {
			try {
				flush();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}

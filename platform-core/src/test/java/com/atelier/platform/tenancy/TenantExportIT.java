package com.atelier.platform.tenancy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import com.atelier.platform.jooq.tenant_template.TenantTemplate;
import com.atelier.testing.TestTenants;
import com.atelier.testing.platform.PlatformTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The export archive holds every row of the tenant and a manifest that describes it.
 */
@PlatformTest
class TenantExportIT {

	@Autowired
	TenantProvisioning provisioning;

	@Autowired
	TenantExport export;

	@TempDir
	Path dir;

	@Test
	void the_archive_holds_a_manifest_and_one_csv_per_table() throws IOException {
		String slug = TestTenants.uniqueSlug("export");
		Tenant tenant = this.provisioning.create(NewTenant.of(slug, "Maison \"Guillemets\", Paris", "BHD",
				List.of(slug + ".example.org"), List.of("ar-BH", "en")));
		Path file = this.dir.resolve("out/" + slug + ".zip");

		TenantExport.Summary summary = this.export.export(tenant.slug(), file);

		List<String> tables = TenantTemplate.TENANT_TEMPLATE.getTables()
			.stream()
			.map((t) -> t.getName())
			.sorted()
			.toList();
		assertThat(summary.tables()).isEqualTo(tables.size());
		Map<String, String> entries = read(file);
		assertThat(entries.keySet()).containsExactlyInAnyOrderElementsOf(java.util.stream.Stream
			.concat(java.util.stream.Stream.of("manifest.json"), tables.stream().map((t) -> "tables/" + t + ".csv"))
			.toList());
		JsonNode manifest = JsonMapper.builder().build().readTree(entries.get("manifest.json"));
		assertThat(manifest.get("format").asString()).isEqualTo("atelier-tenant-export");
		assertThat(manifest.get("formatVersion").asInt()).isEqualTo(1);
		assertThat(manifest.at("/tenant/slug").asString()).isEqualTo(slug);
		assertThat(manifest.at("/tenant/domains/0").asString()).isEqualTo(slug + ".example.org");
		assertThat(manifest.at("/changesets/0/id").asString()).isEqualTo("0001-brand-settings");
		long rows = 0;
		for (JsonNode table : manifest.get("tables")) {
			String csvFile = entries.get(table.get("file").asString());
			// A header line, then one line per row (no value here spans lines).
			assertThat(csvFile.lines().count() - 1).as(table.get("name").asString())
				.isEqualTo(table.get("rows").asLong());
			rows += table.get("rows").asLong();
		}
		assertThat(summary.rows()).isEqualTo(rows);
		assertThat(rowsOf(manifest, "brand_settings")).isEqualTo(1);
		assertThat(rowsOf(manifest, "signing_keys")).isEqualTo(1);
		assertThat(rowsOf(manifest, "oauth2_registered_client")).isEqualTo(2);
		String csv = entries.get("tables/brand_settings.csv");
		assertThat(csv.lines().findFirst().orElseThrow()).startsWith("id,display_name,logo_url,");
		assertThat(csv).contains("\"Maison \"\"Guillemets\"\", Paris\"").contains("BHD").contains("\"{ar-BH,en}\"");
		try (var leftovers = Files.list(file.getParent())) {
			assertThat(leftovers).containsExactly(file);
		}
	}

	@Test
	void an_existing_file_is_not_overwritten_and_an_unknown_tenant_is_refused() throws IOException {
		Tenant tenant = TestTenants.create(this.provisioning, "export");
		Path file = this.dir.resolve("taken.zip");
		Files.writeString(file, "keep");
		assertThatThrownBy(() -> this.export.export(tenant.slug(), file))
			.isInstanceOf(FileAlreadyExistsException.class);
		assertThat(Files.readString(file)).isEqualTo("keep");
		assertThatThrownBy(() -> this.export.export(new TenantSlug("no-such-tenant"), this.dir.resolve("x.zip")))
			.isInstanceOf(UnknownTenant.class);
	}

	private static long rowsOf(JsonNode manifest, String table) {
		for (JsonNode entry : manifest.get("tables")) {
			if (entry.get("name").asString().equals(table)) {
				return entry.get("rows").asLong();
			}
		}
		throw new AssertionError("no table " + table);
	}

	private static Map<String, String> read(Path file) throws IOException {
		Map<String, String> entries = new HashMap<>();
		try (ZipFile zip = new ZipFile(file.toFile())) {
			for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
				entries.put(entry.getName(),
						new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		return entries;
	}

}

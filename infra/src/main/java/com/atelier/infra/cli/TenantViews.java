package com.atelier.infra.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import com.atelier.platform.tenancy.Tenant;

/**
 * How tenants are printed: a table or key-value lines for people, JSON for scripts.
 */
final class TenantViews {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private TenantViews() {
	}

	static Map<String, @Nullable Object> json(Tenant tenant) {
		Map<String, @Nullable Object> migration = new LinkedHashMap<>();
		migration.put("head", tenant.migratedTo());
		migration.put("state", tenant.migrationState().name());
		migration.put("error", tenant.migrationError());
		migration.put("at", (tenant.migratedAt() != null) ? tenant.migratedAt().toString() : null);
		Map<String, @Nullable Object> view = new LinkedHashMap<>();
		view.put("id", tenant.id().toString());
		view.put("slug", tenant.slug().value());
		view.put("name", tenant.displayName());
		view.put("status", tenant.status().name());
		view.put("schema", tenant.schema().name());
		view.put("cell", tenant.cell());
		view.put("defaultCurrency", tenant.defaultCurrency().code());
		view.put("defaultLocale", tenant.defaultLocale());
		view.put("domains", tenant.domains());
		view.put("createdAt", tenant.createdAt().toString());
		view.put("migration", migration);
		return view;
	}

	static String toJson(Object value) {
		return JSON.writeValueAsString(value);
	}

	static List<String> details(Tenant tenant) {
		return List.of("slug:       " + tenant.slug(), "name:       " + tenant.displayName(),
				"id:         " + tenant.id(), "status:     " + tenant.status(), "schema:     " + tenant.schema(),
				"cell:       " + tenant.cell(), "currency:   " + tenant.defaultCurrency(),
				"locale:     " + tenant.defaultLocale(),
				"domains:    " + (tenant.domains().isEmpty() ? "-" : String.join(", ", tenant.domains())),
				"local host: " + tenant.localHost(), "created:    " + tenant.createdAt(),
				"migration:  " + tenant.migrationState() + " at head " + tenant.migratedTo()
						+ ((tenant.migratedAt() != null) ? " (" + tenant.migratedAt() + ")" : ""),
				"last error: " + ((tenant.migrationError() != null) ? tenant.migrationError() : "-"));
	}

}

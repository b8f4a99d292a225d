package com.atelier.platform.tenancy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import com.atelier.platform.money.CurrencyCode;

/**
 * A tenant as the directory records it.
 *
 * @param id immutable id
 * @param slug short name, unique among live tenants
 * @param displayName the brand's name
 * @param status whether it is served
 * @param schema the PostgreSQL schema holding its tables
 * @param cell the PostgreSQL cluster holding the schema (one today: {@code main})
 * @param defaultCurrency the currency brand settings start with
 * @param defaultLocale the locale brand settings start with (BCP 47)
 * @param domains registered host names, lower case
 * @param createdAt when it was created
 * @param migratedTo the tenant changelog head its schema was last migrated to, if ever
 * @param migrationState the outcome of the last migration
 * @param migrationError the error of the last migration when it failed
 * @param migratedAt when it was last migrated
 */
public record Tenant(TenantId id, TenantSlug slug, String displayName, TenantStatus status, TenantSchema schema,
		String cell, CurrencyCode defaultCurrency, String defaultLocale, List<String> domains, Instant createdAt,
		@Nullable String migratedTo, MigrationState migrationState, @Nullable String migrationError,
		@Nullable Instant migratedAt) {

	public Tenant {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(slug, "slug");
		Objects.requireNonNull(displayName, "displayName");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(schema, "schema");
		Objects.requireNonNull(cell, "cell");
		Objects.requireNonNull(defaultCurrency, "defaultCurrency");
		Objects.requireNonNull(defaultLocale, "defaultLocale");
		domains = List.copyOf(domains);
		Objects.requireNonNull(createdAt, "createdAt");
		Objects.requireNonNull(migrationState, "migrationState");
	}

	public TenantRef ref() {
		return new TenantRef(this.id, this.slug, this.schema);
	}

	/** The host a developer reaches this tenant on: {@code {slug}.localhost}. */
	public String localHost() {
		return this.slug.value() + ".localhost";
	}

}

package com.atelier.platform.tenancy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.atelier.platform.brand.Brand;
import com.atelier.platform.brand.Brands;
import com.atelier.testing.TestDatabase;
import com.atelier.testing.TestTenants;
import com.atelier.testing.platform.PlatformTest;

import static com.atelier.platform.jooq.tenant_template.Tables.BRAND_SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Creating, suspending, resuming and deleting tenants, and every refusal, against the
 * directory and the catalog of the real database.
 */
@PlatformTest
class ProvisioningIT {

	@Autowired
	TenantProvisioning provisioning;

	@Autowired
	TenantDirectory directory;

	@Autowired
	TenantMigrations migrations;

	@Autowired
	Brands brands;

	@Autowired
	TenantDsl tenantDsl;

	@Test
	void create_makes_an_active_tenant_with_its_schema_tables_and_brand_settings() throws SQLException {
		String slug = TestTenants.uniqueSlug("create");
		Tenant tenant = this.provisioning
			.create(NewTenant.of(slug, "Maison Créée", "JPY", List.of(slug + ".example.com"), List.of("ja-JP", "en")));
		assertThat(tenant.status()).isEqualTo(TenantStatus.ACTIVE);
		assertThat(tenant.schema().name()).isEqualTo("tenant_" + slug.replace('-', '_'));
		assertThat(tenant.domains()).containsExactly(slug + ".example.com");
		assertThat(tenant.migratedTo()).isEqualTo(this.migrations.head());
		assertThat(tenant.migrationState()).isEqualTo(MigrationState.OK);
		assertThat(schemaExists(tenant.schema().name())).isTrue();
		Brand brand = TenantContext.call(tenant.ref(), this.brands::current);
		assertThat(brand.displayName()).isEqualTo("Maison Créée");
		assertThat(brand.defaultCurrency().code()).isEqualTo("JPY");
		assertThat(brand.locales()).containsExactly("ja-JP", "en");
		assertThat(brand.defaultLocale()).isEqualTo("ja-JP");
		String viaJooq = TenantContext.call(tenant.ref(),
				() -> this.tenantDsl.dsl()
					.select(BRAND_SETTINGS.DEFAULT_CURRENCY)
					.from(BRAND_SETTINGS)
					.fetchOne()
					.value1());
		assertThat(viaJooq).isEqualTo("JPY");
	}

	@Test
	void invalid_input_is_refused_field_by_field_and_nothing_is_created() {
		assertThatThrownBy(
				() -> NewTenant.of("9lives", " ", "EURO", List.of("not a host", "x.localhost"), List.of("fr_FR")))
			.isInstanceOfSatisfying(InvalidTenantRequest.class,
					(ex) -> assertThat(ex.fieldProblems()).extracting((p) -> p.field())
						.containsExactly("slug", "name", "currency", "domain", "domain", "locale"));
		assertThatThrownBy(() -> NewTenant.of("admin", "Admin", "EUR", List.of(), List.of()))
			.isInstanceOf(InvalidTenantRequest.class)
			.hasMessageContaining("reserved");
		assertThatThrownBy(() -> NewTenant.of("gold", "Gold", "XAU", List.of(), List.of()))
			.hasMessageContaining("currency");
	}

	@Test
	void a_duplicate_slug_is_refused_and_the_existing_tenant_is_untouched() {
		Tenant existing = TestTenants.create(this.provisioning, "dup");
		assertThatThrownBy(() -> this.provisioning
			.create(NewTenant.of(existing.slug().value(), "Other", "USD", List.of(), List.of())))
			.isInstanceOf(TenantAlreadyExists.class);
		Tenant after = this.directory.findBySlug(existing.slug()).orElseThrow();
		assertThat(after.displayName()).isEqualTo(existing.displayName());
		assertThat(after.id()).isEqualTo(existing.id());
	}

	@Test
	void a_duplicate_domain_is_refused_and_leaves_no_row_and_no_schema() throws SQLException {
		String domain = TestTenants.uniqueSlug("shop") + ".example.com";
		String first = TestTenants.uniqueSlug("dom");
		this.provisioning.create(NewTenant.of(first, "First", "EUR", List.of(domain), List.of()));
		String second = TestTenants.uniqueSlug("dom");
		assertThatThrownBy(() -> this.provisioning
			.create(NewTenant.of(second, "Second", "EUR", List.of("free-" + domain, domain.toUpperCase()), List.of())))
			.isInstanceOf(DomainAlreadyRegistered.class)
			.hasMessageContaining(domain);
		assertThat(this.directory.findBySlug(new TenantSlug(second))).isEmpty();
		assertThat(this.directory.findByHost("free-" + domain)).isEmpty();
		assertThat(schemaExists(TenantSchema.of(new TenantSlug(second)).name())).isFalse();
	}

	@Test
	void a_schema_that_exists_outside_the_directory_is_neither_adopted_nor_dropped() throws SQLException {
		String slug = TestTenants.uniqueSlug("orphan");
		String schema = TenantSchema.of(new TenantSlug(slug)).name();
		execute("create schema " + schema + "; create table " + schema + ".keep_me (id int)");
		assertThatThrownBy(() -> this.provisioning.create(NewTenant.of(slug, "Orphan", "EUR", List.of(), List.of())))
			.isInstanceOf(TenantAlreadyExists.class)
			.hasMessageContaining(schema);
		assertThat(this.directory.findBySlug(new TenantSlug(slug))).isEmpty();
		assertThat(tableExists(schema, "keep_me")).isTrue();
	}

	@Test
	void suspend_and_resume_change_the_status_once() {
		Tenant tenant = TestTenants.create(this.provisioning, "pause");
		assertThat(this.provisioning.suspend(tenant.slug())).isTrue();
		assertThat(this.provisioning.suspend(tenant.slug())).isFalse();
		assertThat(this.directory.findBySlug(tenant.slug()).orElseThrow().status()).isEqualTo(TenantStatus.SUSPENDED);
		assertThat(this.provisioning.resume(tenant.slug())).isTrue();
		assertThat(this.provisioning.resume(tenant.slug())).isFalse();
		assertThat(this.directory.findBySlug(tenant.slug()).orElseThrow().status()).isEqualTo(TenantStatus.ACTIVE);
		assertThatThrownBy(() -> this.provisioning.suspend(new TenantSlug("no-such-tenant")))
			.isInstanceOf(UnknownTenant.class);
	}

	@Test
	void delete_drops_the_schema_keeps_a_tombstone_and_the_slug_is_never_reused() throws SQLException {
		Tenant tenant = TestTenants.create(this.provisioning, "gone");
		assertThatThrownBy(() -> this.provisioning.delete(tenant.slug(), "not-the-slug", "ops"))
			.isInstanceOf(ConfirmationMismatch.class);
		assertThat(schemaExists(tenant.schema().name())).isTrue();

		Tombstone tombstone = this.provisioning.delete(tenant.slug(), tenant.slug().value(), "ops@example.com");
		assertThat(tombstone.deletedBy()).isEqualTo("ops@example.com");
		assertThat(schemaExists(tenant.schema().name())).isFalse();
		assertThat(this.directory.findBySlug(tenant.slug())).isEmpty();
		assertThat(this.directory.tombstones()).extracting(Tombstone::slug).contains(tenant.slug());
		assertThatThrownBy(() -> this.provisioning
			.create(NewTenant.of(tenant.slug().value(), "Again", "EUR", List.of(), List.of())))
			.isInstanceOf(TenantAlreadyExists.class)
			.hasMessageContaining("never reused");
		assertThatThrownBy(() -> this.provisioning.delete(tenant.slug(), tenant.slug().value(), "ops"))
			.isInstanceOf(UnknownTenant.class);
	}

	static boolean schemaExists(String schema) throws SQLException {
		return exists("select 1 from pg_namespace where nspname = '" + schema + "'");
	}

	static boolean tableExists(String schema, String table) throws SQLException {
		return exists("select 1 from pg_tables where schemaname = '" + schema + "' and tablename = '" + table + "'");
	}

	private static boolean exists(String sql) throws SQLException {
		try (Connection connection = TestDatabase.atelier().connect();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			return result.next();
		}
	}

	private static void execute(String sql) throws SQLException {
		try (Connection connection = TestDatabase.atelier().connect();
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}

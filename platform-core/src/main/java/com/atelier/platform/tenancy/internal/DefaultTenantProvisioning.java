package com.atelier.platform.tenancy.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Supplier;

import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.atelier.platform.tenancy.ConfirmationMismatch;
import com.atelier.platform.tenancy.DomainAlreadyRegistered;
import com.atelier.platform.tenancy.MigrationState;
import com.atelier.platform.tenancy.NewTenant;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantAlreadyExists;
import com.atelier.platform.tenancy.TenantId;
import com.atelier.platform.tenancy.TenantProvisioning;
import com.atelier.platform.tenancy.TenantProvisioningFailed;
import com.atelier.platform.tenancy.TenantRef;
import com.atelier.platform.tenancy.TenantSchema;
import com.atelier.platform.tenancy.TenantSetup;
import com.atelier.platform.tenancy.TenantSlug;
import com.atelier.platform.tenancy.TenantStatus;
import com.atelier.platform.tenancy.Tombstone;
import com.atelier.platform.tenancy.UnknownTenant;

import static com.atelier.platform.jooq.platform.Tables.TENANTS;
import static com.atelier.platform.jooq.platform.Tables.TENANT_DOMAINS;
import static com.atelier.platform.jooq.platform.Tables.TENANT_TOMBSTONES;

/**
 * Creating a tenant takes three steps: reserve the slug and domains in the directory
 * (status PROVISIONING, never served), create and migrate the schema and let every
 * {@link TenantSetup} seed it, then mark the tenant ACTIVE. When a later step fails, the
 * schema (only if this attempt created it) and the directory rows are removed before the
 * error is reported. Deletion is one transaction: PostgreSQL DDL is transactional.
 */
final class DefaultTenantProvisioning implements TenantProvisioning {

	private static final Logger log = LoggerFactory.getLogger(DefaultTenantProvisioning.class);

	private static final String UNIQUE_VIOLATION = "23505";

	private static final String DUPLICATE_SCHEMA = "42P06";

	private final PlatformDatabase platform;

	private final ConnectionRouter router;

	private final LiquibaseRunner liquibase;

	private final String tenantChangelog;

	private final Supplier<String> head;

	private final List<TenantSetup> setups;

	DefaultTenantProvisioning(PlatformDatabase platform, ConnectionRouter router, LiquibaseRunner liquibase,
			String tenantChangelog, Supplier<String> head, List<TenantSetup> setups) {
		this.platform = platform;
		this.router = router;
		this.liquibase = liquibase;
		this.tenantChangelog = tenantChangelog;
		this.head = head;
		this.setups = List.copyOf(setups);
	}

	@Override
	public Tenant create(NewTenant command) {
		TenantId id = TenantId.random();
		TenantSchema schema = TenantSchema.of(command.slug());
		String head = this.head.get();
		reserve(id, schema, command);
		boolean schemaCreated = false;
		String step = "creating the schema";
		try (Connection connection = this.router.borrow(schema)) {
			try {
				createSchema(connection, schema, command.slug());
				schemaCreated = true;
				step = "applying the tenant changelog";
				this.liquibase.update(connection, schema.name(), this.tenantChangelog);
				step = "seeding the tenant";
				TenantSetups.ensure(this.setups, connection,
						new TenantSetup.Seed(new TenantRef(id, command.slug(), schema), command.displayName(),
								command.defaultCurrency(), command.locales()));
			}
			finally {
				this.router.forget(connection);
			}
		}
		catch (TenantAlreadyExists ex) {
			undo(id, schema, false);
			throw ex;
		}
		catch (SQLException | RuntimeException ex) {
			undo(id, schema, schemaCreated);
			throw new TenantProvisioningFailed(command.slug(), step, ex);
		}
		// The tenant's connection is back in the pool: activation needs only one.
		try {
			this.platform.transaction((tx) -> {
				tx.update(TENANTS)
					.set(TENANTS.STATUS, TenantStatus.ACTIVE.name())
					.set(TENANTS.MIGRATED_TO, head)
					.set(TENANTS.MIGRATION_STATE, MigrationState.OK.name())
					.set(TENANTS.MIGRATED_AT, OffsetDateTime.now())
					.set(TENANTS.UPDATED_AT, OffsetDateTime.now())
					.where(TENANTS.ID.eq(id.value()))
					.execute();
				PlatformDatabase.notify(tx, CachingTenantResolver.CHANNEL, command.slug().value());
				return null;
			});
		}
		catch (RuntimeException ex) {
			undo(id, schema, true);
			throw new TenantProvisioningFailed(command.slug(), "activating the tenant", ex);
		}
		return JooqTenantDirectory.findOne(this.platform.dsl(), TENANTS.ID.eq(id.value()))
			.orElseThrow(() -> new IllegalStateException("tenant vanished after creation: " + command.slug()));
	}

	private void reserve(TenantId id, TenantSchema schema, NewTenant command) {
		try {
			this.platform.transaction((tx) -> {
				var tombstone = tx.selectFrom(TENANT_TOMBSTONES)
					.where(TENANT_TOMBSTONES.SLUG.eq(command.slug().value()))
					.fetchOptional();
				if (tombstone.isPresent()) {
					throw new TenantAlreadyExists("The slug '" + command.slug() + "' belonged to a tenant deleted on "
							+ tombstone.get().getDeletedAt().toLocalDate() + "; slugs are never reused.");
				}
				tx.insertInto(TENANTS)
					.set(TENANTS.ID, id.value())
					.set(TENANTS.SLUG, command.slug().value())
					.set(TENANTS.DISPLAY_NAME, command.displayName())
					.set(TENANTS.STATUS, TenantStatus.PROVISIONING.name())
					.set(TENANTS.SCHEMA_NAME, schema.name())
					.set(TENANTS.DEFAULT_CURRENCY, command.defaultCurrency().code())
					.set(TENANTS.DEFAULT_LOCALE, command.defaultLocale())
					.set(TENANTS.MIGRATION_STATE, MigrationState.PENDING.name())
					.execute();
				for (String domain : command.domains()) {
					tx.insertInto(TENANT_DOMAINS)
						.set(TENANT_DOMAINS.DOMAIN, domain)
						.set(TENANT_DOMAINS.TENANT_ID, id.value())
						.execute();
				}
				return null;
			});
		}
		catch (DataAccessException ex) {
			if (PlatformDatabase.sqlState(ex).filter(UNIQUE_VIOLATION::equals).isPresent()) {
				String constraint = PlatformDatabase.violatedConstraint(ex).orElse("");
				if (constraint.startsWith("tenant_domains")) {
					throw new DomainAlreadyRegistered(duplicateDomain(command));
				}
				throw new TenantAlreadyExists("A tenant with the slug '" + command.slug() + "' already exists.");
			}
			throw ex;
		}
	}

	private String duplicateDomain(NewTenant command) {
		return this.platform.dsl()
			.select(TENANT_DOMAINS.DOMAIN)
			.from(TENANT_DOMAINS)
			.where(TENANT_DOMAINS.DOMAIN.in(command.domains()))
			.limit(1)
			.fetchOptional(TENANT_DOMAINS.DOMAIN)
			.orElse(String.join(", ", command.domains()));
	}

	private static void createSchema(Connection connection, TenantSchema schema, TenantSlug slug) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("create schema " + schema.quoted());
		}
		catch (SQLException ex) {
			if (DUPLICATE_SCHEMA.equals(ex.getSQLState())) {
				throw new TenantAlreadyExists("The schema " + schema + " for '" + slug
						+ "' already exists but no tenant owns it; an operator must inspect and drop it first.");
			}
			throw ex;
		}
	}

	private void undo(TenantId id, TenantSchema schema, boolean dropSchema) {
		try {
			this.platform.transaction((tx) -> {
				if (dropSchema) {
					tx.execute("drop schema if exists " + schema.quoted() + " cascade");
				}
				tx.deleteFrom(TENANTS).where(TENANTS.ID.eq(id.value())).execute();
				return null;
			});
		}
		catch (RuntimeException ex) {
			log.error("Could not remove what a failed creation of {} left; status PROVISIONING marks it", schema, ex);
		}
	}

	@Override
	public boolean suspend(TenantSlug slug) {
		return changeStatus(slug, TenantStatus.ACTIVE, TenantStatus.SUSPENDED);
	}

	@Override
	public boolean resume(TenantSlug slug) {
		return changeStatus(slug, TenantStatus.SUSPENDED, TenantStatus.ACTIVE);
	}

	private boolean changeStatus(TenantSlug slug, TenantStatus from, TenantStatus to) {
		return this.platform.transaction((tx) -> {
			String current = tx.select(TENANTS.STATUS)
				.from(TENANTS)
				.where(TENANTS.SLUG.eq(slug.value()))
				.forUpdate()
				.fetchOptional(TENANTS.STATUS)
				.orElseThrow(() -> UnknownTenant.forSlug(slug.value()));
			if (current.equals(to.name())) {
				return false;
			}
			if (!current.equals(from.name())) {
				throw UnknownTenant.forSlug(slug.value());
			}
			tx.update(TENANTS)
				.set(TENANTS.STATUS, to.name())
				.set(TENANTS.UPDATED_AT, OffsetDateTime.now())
				.where(TENANTS.SLUG.eq(slug.value()))
				.execute();
			PlatformDatabase.notify(tx, CachingTenantResolver.CHANNEL, slug.value());
			return true;
		});
	}

	@Override
	public Tombstone delete(TenantSlug slug, String confirmation, String actor) {
		if (!slug.value().equals(confirmation)) {
			throw new ConfirmationMismatch(slug);
		}
		return this.platform.transaction((tx) -> {
			var tenant = tx.selectFrom(TENANTS)
				.where(TENANTS.SLUG.eq(slug.value()))
				.forUpdate()
				.fetchOptional()
				.orElseThrow(() -> UnknownTenant.forSlug(slug.value()));
			TenantSchema schema = new TenantSchema(tenant.getSchemaName());
			tx.execute("drop schema if exists " + schema.quoted() + " cascade");
			tx.deleteFrom(TENANTS).where(TENANTS.ID.eq(tenant.getId())).execute();
			OffsetDateTime now = OffsetDateTime.now();
			tx.insertInto(TENANT_TOMBSTONES)
				.set(TENANT_TOMBSTONES.ID, tenant.getId())
				.set(TENANT_TOMBSTONES.SLUG, tenant.getSlug())
				.set(TENANT_TOMBSTONES.SCHEMA_NAME, tenant.getSchemaName())
				.set(TENANT_TOMBSTONES.DISPLAY_NAME, tenant.getDisplayName())
				.set(TENANT_TOMBSTONES.CREATED_AT, tenant.getCreatedAt())
				.set(TENANT_TOMBSTONES.DELETED_AT, now)
				.set(TENANT_TOMBSTONES.DELETED_BY, actor)
				.execute();
			PlatformDatabase.notify(tx, CachingTenantResolver.CHANNEL, slug.value());
			return new Tombstone(new TenantId(tenant.getId()), slug, tenant.getDisplayName(), now.toInstant(), actor);
		});
	}

}

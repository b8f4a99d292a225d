package com.atelier.platform.tenancy.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.atelier.platform.tenancy.MigrationResult;
import com.atelier.platform.tenancy.MigrationResult.Outcome;
import com.atelier.platform.tenancy.MigrationState;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantDirectory;
import com.atelier.platform.tenancy.TenantMigrations;
import com.atelier.platform.tenancy.TenantSetup;
import com.atelier.platform.tenancy.TenantSlug;
import com.atelier.platform.tenancy.TenantStatus;
import com.atelier.platform.tenancy.UnknownTenant;

import static com.atelier.platform.jooq.platform.Tables.TENANTS;

/**
 * Applies the tenant changelog tenant by tenant. The directory records, per tenant, the
 * changelog head it was last migrated to; a tenant already at head costs no Liquibase
 * run. Each migration runs with a lock timeout and a statement timeout, so one tenant
 * whose tables are busy fails (and is marked) instead of holding up the rest.
 */
final class LiquibaseTenantMigrations implements TenantMigrations {

	private static final Logger log = LoggerFactory.getLogger(LiquibaseTenantMigrations.class);

	private static final int MAX_ERROR = 500;

	private static final Pattern CHANGESET = Pattern.compile("changeset \\S+?::([^:\\s]+)::");

	private final TenantDirectory directory;

	private final PlatformDatabase platform;

	private final ConnectionRouter router;

	private final LiquibaseRunner liquibase;

	private final String changelog;

	private final Duration lockTimeout;

	private final Duration statementTimeout;

	private final List<TenantSetup> setups;

	private volatile @Nullable String head;

	LiquibaseTenantMigrations(TenantDirectory directory, PlatformDatabase platform, ConnectionRouter router,
			LiquibaseRunner liquibase, String changelog, Duration lockTimeout, Duration statementTimeout,
			List<TenantSetup> setups) {
		this.directory = directory;
		this.platform = platform;
		this.router = router;
		this.liquibase = liquibase;
		this.changelog = changelog;
		this.lockTimeout = lockTimeout;
		this.statementTimeout = statementTimeout;
		this.setups = List.copyOf(setups);
	}

	@Override
	public String head() {
		String current = this.head;
		if (current == null) {
			current = this.liquibase.head(this.changelog);
			this.head = current;
		}
		return current;
	}

	@Override
	public int behind() {
		return this.platform.dsl()
			.fetchCount(TENANTS,
					TENANTS.STATUS.ne(TenantStatus.PROVISIONING.name())
						.and(TENANTS.MIGRATED_TO.isDistinctFrom(head())
							.or(TENANTS.MIGRATION_STATE.ne(MigrationState.OK.name()))));
	}

	@Override
	public MigrationResult migrate(TenantSlug slug) {
		Tenant tenant = this.directory.findBySlug(slug)
			.filter((t) -> t.status() != TenantStatus.PROVISIONING)
			.orElseThrow(() -> UnknownTenant.forSlug(slug.value()));
		return run(tenant);
	}

	@Override
	public List<MigrationResult> migrateAll(Listener listener) {
		String target = head();
		List<Tenant> tenants = this.directory.list()
			.stream()
			.filter((t) -> t.status() != TenantStatus.PROVISIONING)
			.toList();
		listener.started(tenants.size());
		List<MigrationResult> results = new ArrayList<>(tenants.size());
		for (int i = 0; i < tenants.size(); i++) {
			Tenant tenant = tenants.get(i);
			listener.tenantStarted(i, tenant.slug());
			MigrationResult result = atHead(tenant, target)
					? new MigrationResult(tenant.slug(), Outcome.SKIPPED, 0, Duration.ZERO, null) : run(tenant);
			results.add(result);
			listener.tenantFinished(i, result);
		}
		return results;
	}

	private static boolean atHead(Tenant tenant, String head) {
		return head.equals(tenant.migratedTo()) && tenant.migrationState() == MigrationState.OK;
	}

	private MigrationResult run(Tenant tenant) {
		String target = head();
		long started = System.nanoTime();
		try {
			int applied;
			try (Connection connection = this.router.borrow(tenant.schema())) {
				try {
					limit(connection);
					int before = appliedChangesets(connection, tenant);
					this.liquibase.update(connection, tenant.schema().name(), this.changelog);
					applied = appliedChangesets(connection, tenant) - before;
					// New tables may need their first rows (keys, default clients).
					TenantSetups.ensure(this.setups, connection, new TenantSetup.Seed(tenant.ref(),
							tenant.displayName(), tenant.defaultCurrency(), List.of(tenant.defaultLocale())));
				}
				finally {
					release(connection);
				}
			}
			record(tenant, MigrationState.OK, target, null);
			return new MigrationResult(tenant.slug(), Outcome.MIGRATED, applied, elapsed(started), null);
		}
		catch (SQLException | RuntimeException ex) {
			String error = describe(ex);
			log.warn("Migrating tenant {} failed: {}", tenant.slug(), error, ex);
			try {
				record(tenant, MigrationState.FAILED, null, error);
			}
			catch (RuntimeException recordFailure) {
				log.error("Could not record the failed migration of {}", tenant.slug(), recordFailure);
			}
			return new MigrationResult(tenant.slug(), Outcome.FAILED, 0, elapsed(started), error);
		}
	}

	private void limit(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(
				"select pg_catalog.set_config('lock_timeout', ?, false), pg_catalog.set_config('statement_timeout', ?, false)")) {
			statement.setString(1, this.lockTimeout.toMillis() + "ms");
			statement.setString(2, this.statementTimeout.toMillis() + "ms");
			statement.execute();
		}
	}

	private void release(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			if (!connection.getAutoCommit()) {
				connection.rollback();
				connection.setAutoCommit(true);
			}
			statement.execute("reset lock_timeout");
			statement.execute("reset statement_timeout");
		}
		finally {
			this.router.forget(connection);
		}
	}

	private static int appliedChangesets(Connection connection, Tenant tenant) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("select to_regclass(?) is not null")) {
			statement.setString(1, tenant.schema().quoted() + ".databasechangelog");
			try (ResultSet exists = statement.executeQuery()) {
				exists.next();
				if (!exists.getBoolean(1)) {
					return 0;
				}
			}
		}
		try (Statement statement = connection.createStatement();
				ResultSet count = statement
					.executeQuery("select count(*) from " + tenant.schema().quoted() + ".databasechangelog")) {
			count.next();
			return count.getInt(1);
		}
	}

	private void record(Tenant tenant, MigrationState state, @Nullable String head, @Nullable String error) {
		this.platform.transaction((tx) -> {
			var update = tx.update(TENANTS)
				.set(TENANTS.MIGRATION_STATE, state.name())
				.set(TENANTS.MIGRATION_ERROR, error)
				.set(TENANTS.MIGRATED_AT, OffsetDateTime.now());
			if (head != null) {
				update = update.set(TENANTS.MIGRATED_TO, head);
			}
			return update.where(TENANTS.ID.eq(tenant.id().value())).execute();
		});
	}

	/**
	 * One line for operators: the failing changeset, if Liquibase names it, and the root
	 * cause's first line, e.g.
	 * {@code changeset 0002-x: ERROR: relation "y" already exists}.
	 */
	static String describe(Throwable ex) {
		String changeset = null;
		Throwable root = ex;
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
			String text = cause.getMessage();
			if (changeset == null && text != null) {
				Matcher matcher = CHANGESET.matcher(text);
				if (matcher.find()) {
					changeset = matcher.group(1);
				}
			}
			root = cause;
		}
		String message = (root.getMessage() != null) ? root.getMessage().strip().lines().findFirst().orElse("")
				: root.getClass().getSimpleName();
		String line = (changeset != null) ? "changeset " + changeset + ": " + message : message;
		return (line.length() > MAX_ERROR) ? line.substring(0, MAX_ERROR) : line;
	}

	private static Duration elapsed(long startedNanos) {
		return Duration.ofNanos(System.nanoTime() - startedNanos);
	}

}

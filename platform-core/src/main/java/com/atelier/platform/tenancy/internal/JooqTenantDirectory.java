package com.atelier.platform.tenancy.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

import com.atelier.platform.money.CurrencyCode;
import com.atelier.platform.tenancy.MigrationState;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantDirectory;
import com.atelier.platform.tenancy.TenantId;
import com.atelier.platform.tenancy.TenantSchema;
import com.atelier.platform.tenancy.TenantSlug;
import com.atelier.platform.tenancy.TenantStatus;
import com.atelier.platform.tenancy.Tombstone;

import static com.atelier.platform.jooq.platform.Tables.TENANTS;
import static com.atelier.platform.jooq.platform.Tables.TENANT_DOMAINS;
import static com.atelier.platform.jooq.platform.Tables.TENANT_TOMBSTONES;
import static org.jooq.impl.DSL.multiset;
import static org.jooq.impl.DSL.select;

/**
 * The directory in the {@code platform} schema, read with jOOQ. No cache: callers on hot
 * paths use {@link CachingTenantResolver}.
 */
final class JooqTenantDirectory implements TenantDirectory {

	private static final Pattern LOCAL_HOST = Pattern.compile("^([a-z][a-z0-9-]{1,39})\\.localhost$");

	private final PlatformDatabase platform;

	JooqTenantDirectory(PlatformDatabase platform) {
		this.platform = platform;
	}

	@Override
	public Optional<Tenant> findBySlug(TenantSlug slug) {
		return findOne(TENANTS.SLUG.eq(slug.value()));
	}

	@Override
	public Optional<Tenant> findById(TenantId id) {
		return findOne(TENANTS.ID.eq(id.value()));
	}

	@Override
	public Optional<Tenant> findByHost(String host) {
		String normalized = host.strip().toLowerCase(Locale.ROOT);
		if (normalized.endsWith(".")) {
			normalized = normalized.substring(0, normalized.length() - 1);
		}
		var local = LOCAL_HOST.matcher(normalized);
		if (local.matches()) {
			// Exactly one label before .localhost: "x.acme.localhost" is not acme.
			return findOne(TENANTS.SLUG.eq(local.group(1)));
		}
		return findOne(TENANTS.ID
			.in(select(TENANT_DOMAINS.TENANT_ID).from(TENANT_DOMAINS).where(TENANT_DOMAINS.DOMAIN.eq(normalized))));
	}

	@Override
	public List<Tenant> list() {
		return query(this.platform.dsl(), DSL.noCondition());
	}

	@Override
	public List<Tombstone> tombstones() {
		return this.platform.dsl()
			.selectFrom(TENANT_TOMBSTONES)
			.orderBy(TENANT_TOMBSTONES.DELETED_AT.desc())
			.fetch((r) -> new Tombstone(new TenantId(r.getId()), new TenantSlug(r.getSlug()), r.getDisplayName(),
					r.getDeletedAt().toInstant(), r.getDeletedBy()));
	}

	Optional<Tenant> findOne(Condition condition) {
		return findOne(this.platform.dsl(), condition);
	}

	static Optional<Tenant> findOne(DSLContext dsl, Condition condition) {
		return query(dsl, condition).stream().findFirst();
	}

	static List<Tenant> query(DSLContext dsl, Condition condition) {
		var domains = multiset(select(TENANT_DOMAINS.DOMAIN).from(TENANT_DOMAINS)
			.where(TENANT_DOMAINS.TENANT_ID.eq(TENANTS.ID))
			.orderBy(TENANT_DOMAINS.DOMAIN)).convertFrom((r) -> r.map((d) -> d.value1()));
		return dsl.select(TENANTS.asterisk(), domains)
			.from(TENANTS)
			.where(condition)
			.orderBy(TENANTS.SLUG)
			.fetch((r) -> toTenant(r, r.get(domains)));
	}

	private static Tenant toTenant(Record r, @Nullable List<String> domains) {
		return new Tenant(new TenantId(r.get(TENANTS.ID)), new TenantSlug(r.get(TENANTS.SLUG)),
				r.get(TENANTS.DISPLAY_NAME), TenantStatus.valueOf(r.get(TENANTS.STATUS)),
				new TenantSchema(r.get(TENANTS.SCHEMA_NAME)), r.get(TENANTS.CELL),
				new CurrencyCode(r.get(TENANTS.DEFAULT_CURRENCY)), r.get(TENANTS.DEFAULT_LOCALE),
				(domains != null) ? domains : List.of(), instant(r.get(TENANTS.CREATED_AT)), r.get(TENANTS.MIGRATED_TO),
				MigrationState.valueOf(r.get(TENANTS.MIGRATION_STATE)), r.get(TENANTS.MIGRATION_ERROR),
				instantOrNull(r.get(TENANTS.MIGRATED_AT)));
	}

	private static Instant instant(OffsetDateTime time) {
		return time.toInstant();
	}

	private static @Nullable Instant instantOrNull(@Nullable OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

}

package com.atelier.platform.tenancy.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.conf.SettingsTools;
import org.jooq.impl.DSL;

import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantDsl;
import com.atelier.platform.tenancy.TenantSchema;

/**
 * Derives, per tenant, a jOOQ context whose SQL names the tenant's schema instead of the
 * template schema the generated classes were built from. The derived contexts share the
 * application's connection and transaction providers, so they borrow through the router
 * and join Spring transactions.
 */
final class JooqTenantDsl implements TenantDsl {

	private final Configuration base;

	private final Cache<String, DSLContext> contexts = Caffeine.newBuilder().maximumSize(10_000).build();

	JooqTenantDsl(Configuration base) {
		this.base = base;
	}

	@Override
	public DSLContext dsl() {
		return forSchema(TenantContext.require().schema());
	}

	DSLContext forSchema(TenantSchema schema) {
		return this.contexts.get(schema.name(), this::derive);
	}

	private DSLContext derive(String schema) {
		Settings settings = SettingsTools.clone(this.base.settings())
			.withRenderMapping(new RenderMapping()
				.withSchemata(new MappedSchema().withInput(TenantSchema.TEMPLATE).withOutput(schema)));
		return DSL.using(this.base.derive(settings));
	}

}

package com.atelier.platform.tenancy.internal;

import java.sql.Connection;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

import com.atelier.platform.tenancy.TenantSchema;
import com.atelier.platform.tenancy.TenantSetup;

/**
 * Runs every feature's {@link TenantSetup} in one transaction on a connection already
 * pointed at the tenant's schema.
 */
final class TenantSetups {

	private TenantSetups() {
	}

	static void ensure(List<TenantSetup> setups, Connection connection, TenantSetup.Seed seed) {
		if (setups.isEmpty()) {
			return;
		}
		TenantSchema schema = seed.tenant().schema();
		DSLContext tenant = DSL.using(connection, SQLDialect.POSTGRES,
				new Settings().withRenderMapping(new RenderMapping()
					.withSchemata(new MappedSchema().withInput(TenantSchema.TEMPLATE).withOutput(schema.name()))));
		tenant.transaction((tx) -> setups.forEach((setup) -> setup.ensure(tx.dsl(), seed)));
	}

}

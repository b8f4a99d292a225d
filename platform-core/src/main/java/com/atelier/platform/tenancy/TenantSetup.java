package com.atelier.platform.tenancy;

import java.util.List;
import java.util.Objects;

import org.jooq.DSLContext;

import com.atelier.platform.money.CurrencyCode;

/**
 * A feature's part in a tenant's schema: seeds its tables, for example the brand settings
 * or the first signing key. Runs in one transaction when a tenant is created (throwing
 * aborts the creation and nothing is kept) and after every migration of the tenant, so it
 * must be idempotent: create what is missing, leave what exists.
 */
public interface TenantSetup {

	/**
	 * @param tenant a context whose generated tables render as the tenant's schema,
	 * inside the setup transaction
	 * @param seed the tenant and what the operator asked for
	 */
	void ensure(DSLContext tenant, Seed seed);

	/**
	 * @param tenant the tenant
	 * @param displayName the brand's name
	 * @param defaultCurrency default currency
	 * @param locales locales, the default first
	 */
	record Seed(TenantRef tenant, String displayName, CurrencyCode defaultCurrency, List<String> locales) {

		public Seed {
			Objects.requireNonNull(tenant, "tenant");
			locales = List.copyOf(locales);
		}

	}

}

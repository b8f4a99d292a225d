package com.atelier.platform.brand.internal;

import org.jooq.DSLContext;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.atelier.platform.tenancy.TenantSetup;

import static com.atelier.platform.jooq.tenant_template.Tables.BRAND_SETTINGS;

/**
 * Gives a new tenant its brand settings: its name, currency and locales; default colours.
 */
@Component
@Order(0)
class BrandTenantSetup implements TenantSetup {

	@Override
	public void ensure(DSLContext tenant, Seed seed) {
		tenant.insertInto(BRAND_SETTINGS)
			.set(BRAND_SETTINGS.ID, BrandSettings.SINGLETON)
			.set(BRAND_SETTINGS.DISPLAY_NAME, seed.displayName())
			.set(BRAND_SETTINGS.DEFAULT_CURRENCY, seed.defaultCurrency().code())
			.set(BRAND_SETTINGS.DEFAULT_LOCALE, seed.locales().get(0))
			.set(BRAND_SETTINGS.LOCALES, seed.locales().toArray(String[]::new))
			.onConflictDoNothing()
			.execute();
	}

}

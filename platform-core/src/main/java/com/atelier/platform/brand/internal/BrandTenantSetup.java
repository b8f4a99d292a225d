package com.atelier.platform.brand.internal;

import org.jooq.DSLContext;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.atelier.platform.tenancy.NewTenant;
import com.atelier.platform.tenancy.TenantSetup;

import static com.atelier.platform.jooq.tenant_template.Tables.BRAND_SETTINGS;

/**
 * Gives a new tenant its brand settings: its name, currency and locales; default colours.
 */
@Component
@Order(0)
class BrandTenantSetup implements TenantSetup {

	@Override
	public void initialize(DSLContext tenant, NewTenant command) {
		tenant.insertInto(BRAND_SETTINGS)
			.set(BRAND_SETTINGS.ID, BrandSettings.SINGLETON)
			.set(BRAND_SETTINGS.DISPLAY_NAME, command.displayName())
			.set(BRAND_SETTINGS.DEFAULT_CURRENCY, command.defaultCurrency().code())
			.set(BRAND_SETTINGS.DEFAULT_LOCALE, command.defaultLocale())
			.set(BRAND_SETTINGS.LOCALES, command.locales().toArray(String[]::new))
			.execute();
	}

}

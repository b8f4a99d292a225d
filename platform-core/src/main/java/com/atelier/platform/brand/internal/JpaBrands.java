package com.atelier.platform.brand.internal;

import java.time.ZoneId;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.atelier.platform.brand.Brand;
import com.atelier.platform.brand.BrandChanges;
import com.atelier.platform.brand.Brands;
import com.atelier.platform.catalog.CatalogCache;
import com.atelier.platform.cluster.ClusterSignals;
import com.atelier.platform.identity.Actor;
import com.atelier.platform.identity.AuditLog;
import com.atelier.platform.money.CurrencyCode;
import com.atelier.platform.tenancy.TenantContext;

/**
 * Reads brand settings with JPA.
 */
@Service
@Transactional(readOnly = true)
class JpaBrands implements Brands {

	private final BrandSettingsRepository settings;

	private final AuditLog audit;

	private final ClusterSignals signals;

	JpaBrands(BrandSettingsRepository settings, AuditLog audit, ClusterSignals signals) {
		this.settings = settings;
		this.audit = audit;
		this.signals = signals;
	}

	@Override
	public Brand current() {
		return toBrand(row());
	}

	@Override
	@Transactional
	public Brand update(BrandChanges changes, Actor actor) {
		BrandSettings row = row();
		Brand before = toBrand(row);
		row.apply(changes);
		Brand after = toBrand(this.settings.saveAndFlush(row));
		this.audit.record(actor, "brand.updated", "brand", null, before, after);
		// Locales and the default locale shape every storefront response.
		this.signals.publishAfterCommit(CatalogCache.CHANNEL, TenantContext.require().id().toString());
		return after;
	}

	private BrandSettings row() {
		return this.settings.findById(BrandSettings.SINGLETON)
			.orElseThrow(() -> new IllegalStateException("The tenant has no brand settings row"));
	}

	private static Brand toBrand(BrandSettings row) {
		return new Brand(row.displayName(), row.logoUrl(),
				new Brand.Colors(row.primaryColor(), row.accentColor(), row.backgroundColor()),
				new CurrencyCode(row.defaultCurrency()), row.defaultLocale(), List.of(row.locales()),
				ZoneId.of(row.timeZone()));
	}

}

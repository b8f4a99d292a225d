package com.atelier.platform.catalog.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import com.atelier.platform.catalog.CatalogCache;
import com.atelier.platform.cluster.ClusterSignals;
import com.atelier.platform.money.CurrencyCode;
import com.atelier.platform.pricing.Market;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantDsl;
import com.atelier.platform.tenancy.TenantId;

import static com.atelier.platform.jooq.tenant_template.Tables.BRAND_SETTINGS;
import static com.atelier.platform.jooq.tenant_template.Tables.COLLECTIONS;
import static com.atelier.platform.jooq.tenant_template.Tables.MARKETS;

/**
 * Small per-tenant data every storefront request needs: the markets, the brand's locales
 * and its collections' handles. Cached per tenant, dropped for one tenant when its
 * catalog signal arrives.
 */
@Component
class TenantReferenceData {

	private final TenantDsl db;

	private final Cache<TenantId, Reference> cache = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterWrite(Duration.ofMinutes(5))
		.build();

	TenantReferenceData(TenantDsl db, ClusterSignals signals) {
		this.db = db;
		signals.subscribe(CatalogCache.CHANNEL, new ClusterSignals.Subscriber() {

			@Override
			public void onMessage(String payload) {
				try {
					TenantReferenceData.this.cache.invalidate(new TenantId(UUID.fromString(payload)));
				}
				catch (IllegalArgumentException ex) {
					TenantReferenceData.this.cache.invalidateAll();
				}
			}

			@Override
			public void onReconnect() {
				TenantReferenceData.this.cache.invalidateAll();
			}

		});
	}

	void forget(@Nullable TenantId tenant) {
		if (tenant == null) {
			this.cache.invalidateAll();
		}
		else {
			this.cache.invalidate(tenant);
		}
	}

	Reference current() {
		return this.cache.get(TenantContext.require().id(), (id) -> load());
	}

	private Reference load() {
		var dsl = this.db.dsl();
		List<Market> markets = dsl.selectFrom(MARKETS)
			.orderBy(MARKETS.HANDLE)
			.fetch((r) -> new Market(r.getId(), r.getHandle(), r.getName(), new CurrencyCode(r.getCurrency()),
					Arrays.asList(r.getCountries()), r.getPricesIncludeTax(), r.getIsDefault()));
		var brand = dsl.select(BRAND_SETTINGS.DEFAULT_LOCALE, BRAND_SETTINGS.LOCALES).from(BRAND_SETTINGS).fetchOne();
		String defaultLocale = (brand != null) ? brand.value1() : "en";
		List<String> locales = (brand != null) ? List.of(brand.value2()) : List.of("en");
		java.util.Set<String> collections = java.util.Set
			.copyOf(dsl.select(COLLECTIONS.HANDLE).from(COLLECTIONS).fetch(COLLECTIONS.HANDLE));
		return new Reference(markets, defaultLocale, locales, collections);
	}

	/**
	 * @param markets every market
	 * @param defaultLocale the brand's default locale
	 * @param locales every locale of the brand
	 * @param collections the handles of its collections
	 */
	record Reference(List<Market> markets, String defaultLocale, List<String> locales,
			java.util.Set<String> collections) {
	}

}

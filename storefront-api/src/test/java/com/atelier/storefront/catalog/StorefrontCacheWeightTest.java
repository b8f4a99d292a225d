package com.atelier.storefront.catalog;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.unit.DataSize;

import com.atelier.platform.catalog.StorefrontCatalog;
import com.atelier.platform.cluster.ClusterSignals;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantId;
import com.atelier.platform.tenancy.TenantRef;
import com.atelier.platform.tenancy.TenantSchema;
import com.atelier.platform.tenancy.TenantSlug;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache holds at most its weight in bytes, however many requests fill it, and keeps
 * nothing a loader marks unknown.
 */
class StorefrontCacheWeightTest {

	@Test
	void the_cache_stays_within_its_weight_and_keeps_no_unknown_answer() {
		StorefrontCache cache = new StorefrontCache(stub(ClusterSignals.class), stub(StorefrontCatalog.class),
				JsonMapper.builder().build(), true, Duration.ofMinutes(1), DataSize.ofKilobytes(64));
		TenantSlug slug = new TenantSlug("weighed");
		TenantRef tenant = new TenantRef(TenantId.random(), slug, TenantSchema.of(slug));
		TenantContext.run(tenant, () -> {
			long generation = cache.generation();
			for (int i = 0; i < 1000; i++) {
				cache.getIfKnown(generation, "unknown-" + i,
						() -> new StorefrontCache.Loaded(Map.of("body", "x".repeat(1000)), false));
			}
			assertThat(cache.size()).isZero();
			for (int i = 0; i < 1000; i++) {
				cache.get(generation, "page-" + i, () -> Map.of("body", "x".repeat(1000)));
			}
			assertThat(cache.weight()).isLessThanOrEqualTo(64 * 1024);
			assertThat(cache.size()).isBetween(1L, 64L);
		});
	}

	@SuppressWarnings("unchecked")
	private static <T> T stub(Class<T> type) {
		return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
				(proxy, method, args) -> null);
	}

}

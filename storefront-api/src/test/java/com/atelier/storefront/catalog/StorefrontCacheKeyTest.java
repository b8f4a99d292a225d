package com.atelier.storefront.catalog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StorefrontCacheKeyTest {

	@Test
	void no_value_can_imitate_another_combination_of_values() {
		assertThat(StorefrontCache.key("a|b")).isNotEqualTo(StorefrontCache.key("a", "b"));
		assertThat(StorefrontCache.key("a'|'b")).isNotEqualTo(StorefrontCache.key("a", "b"));
		assertThat(StorefrontCache.key("x", null)).isNotEqualTo(StorefrontCache.key("x", "null"))
			.isNotEqualTo(StorefrontCache.key("x", "~"))
			.isNotEqualTo(StorefrontCache.key("x", ""));
		assertThat(StorefrontCache.key("Colour", "Black, Size=M"))
			.isNotEqualTo(StorefrontCache.key("Colour", "Black", "Size", "M"));
		assertThat(StorefrontCache.key("a\\", "b")).isNotEqualTo(StorefrontCache.key("a", "\\b"));
		assertThat(StorefrontCache.key("products", 20, true)).isEqualTo(StorefrontCache.key("products", "20", "true"));
	}

}

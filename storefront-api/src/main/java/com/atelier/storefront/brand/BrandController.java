package com.atelier.storefront.brand;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.atelier.platform.brand.Brand;
import com.atelier.platform.brand.Brands;

/**
 * {@code GET /storefront/api/v1/brand}: the brand of the host's tenant.
 */
@RestController
class BrandController {

	private final Brands brands;

	BrandController(Brands brands) {
		this.brands = brands;
	}

	@GetMapping("/storefront/api/v1/brand")
	BrandResponse brand() {
		return BrandResponse.of(this.brands.current());
	}

	/**
	 * @param name the brand's name
	 * @param logoUrl its logo, if any
	 * @param colors its palette
	 * @param defaultCurrency ISO 4217 code
	 * @param defaultLocale BCP 47 tag
	 * @param locales every supported locale, the default first
	 */
	record BrandResponse(String name, @Nullable String logoUrl, Brand.Colors colors, String defaultCurrency,
			String defaultLocale, List<String> locales) {

		static BrandResponse of(Brand brand) {
			return new BrandResponse(brand.displayName(), brand.logoUrl(), brand.colors(),
					brand.defaultCurrency().code(), brand.defaultLocale(), brand.locales());
		}

	}

}

package com.atelier.admin.brand;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.atelier.platform.brand.Brand;
import com.atelier.platform.brand.BrandChanges;
import com.atelier.platform.brand.Brands;
import com.atelier.platform.identity.TenantTokens;

/**
 * {@code GET/PATCH /admin/api/v1/brand}: the brand settings.
 */
@RestController
class BrandAdminController {

	private final Brands brands;

	private final TenantTokens tokens;

	BrandAdminController(Brands brands, TenantTokens tokens) {
		this.brands = brands;
		this.tokens = tokens;
	}

	@GetMapping("/admin/api/v1/brand")
	BrandResource get() {
		return BrandResource.of(this.brands.current());
	}

	@PatchMapping("/admin/api/v1/brand")
	BrandResource patch(@RequestBody BrandPatch patch, Authentication authentication) {
		BrandChanges changes = new BrandChanges(patch.displayName(), patch.logoUrl(), patch.primaryColor(),
				patch.accentColor(), patch.backgroundColor(), patch.timeZone());
		return BrandResource.of(this.brands.update(changes, this.tokens.actor(authentication)));
	}

	/**
	 * A partial update: absent fields are left as they are.
	 *
	 * @param displayName the brand's name
	 * @param logoUrl its logo, absolute http(s) URL
	 * @param primaryColor {@code #RRGGBB}
	 * @param accentColor {@code #RRGGBB}
	 * @param backgroundColor {@code #RRGGBB}
	 * @param timeZone IANA time zone, such as {@code Europe/Paris}
	 */
	record BrandPatch(@Nullable String displayName, @Nullable String logoUrl, @Nullable String primaryColor,
			@Nullable String accentColor, @Nullable String backgroundColor, @Nullable String timeZone) {
	}

	/**
	 * @param displayName the brand's name
	 * @param logoUrl its logo
	 * @param colors its palette
	 * @param defaultCurrency ISO 4217
	 * @param defaultLocale BCP 47
	 * @param locales supported locales
	 * @param timeZone where the brand counts its days (reports)
	 */
	record BrandResource(String displayName, @Nullable String logoUrl, Brand.Colors colors, String defaultCurrency,
			String defaultLocale, List<String> locales, String timeZone) {

		static BrandResource of(Brand brand) {
			return new BrandResource(brand.displayName(), brand.logoUrl(), brand.colors(),
					brand.defaultCurrency().code(), brand.defaultLocale(), brand.locales(), brand.timeZone().getId());
		}

	}

}

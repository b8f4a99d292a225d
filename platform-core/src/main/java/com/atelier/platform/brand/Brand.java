package com.atelier.platform.brand;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import com.atelier.platform.money.CurrencyCode;

/**
 * A brand's public identity, as its storefront presents it.
 *
 * @param displayName the brand's name
 * @param logoUrl where its logo is served, if it has one
 * @param colors its palette
 * @param defaultCurrency the currency shoppers see first
 * @param defaultLocale the locale shoppers see first (BCP 47)
 * @param locales every locale the brand supports, the default first
 * @param timeZone where the brand counts its days: reports group by it
 */
public record Brand(String displayName, @Nullable String logoUrl, Colors colors, CurrencyCode defaultCurrency,
		String defaultLocale, List<String> locales, ZoneId timeZone) {

	public Brand {
		Objects.requireNonNull(displayName, "displayName");
		Objects.requireNonNull(colors, "colors");
		Objects.requireNonNull(defaultCurrency, "defaultCurrency");
		Objects.requireNonNull(defaultLocale, "defaultLocale");
		locales = List.copyOf(locales);
		Objects.requireNonNull(timeZone, "timeZone");
	}

	/**
	 * @param primary text and key elements, {@code #RRGGBB}
	 * @param accent highlights, {@code #RRGGBB}
	 * @param background page background, {@code #RRGGBB}
	 */
	public record Colors(String primary, String accent, String background) {
	}

}

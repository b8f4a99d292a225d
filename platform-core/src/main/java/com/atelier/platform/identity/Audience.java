package com.atelier.platform.identity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The API an access token is for ({@code aud} claim). A token for one API is refused by
 * the other. The audience values are URNs, so they never equal a client id (an ID token's
 * audience is its client's id: {@code storefront}, {@code admin-console}), ADR 25.
 */
public enum Audience {

	ADMIN, STOREFRONT;

	/** The {@code aud} claim, e.g. {@code urn:atelier:api:storefront}. */
	public String value() {
		return "urn:atelier:api:" + setting();
	}

	/**
	 * The name stored in a registered client's settings ({@code admin},
	 * {@code storefront}): which API the client's access tokens are for.
	 */
	public String setting() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<Audience> fromSetting(String setting) {
		return Arrays.stream(values()).filter((a) -> a.setting().equals(setting)).findFirst();
	}

}

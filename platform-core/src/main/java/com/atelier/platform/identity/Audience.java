package com.atelier.platform.identity;

import java.util.Locale;

/**
 * The API a token is for ({@code aud} claim). A token for one API is refused by the
 * other.
 */
public enum Audience {

	ADMIN, STOREFRONT;

	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}

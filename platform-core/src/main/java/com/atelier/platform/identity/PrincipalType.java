package com.atelier.platform.identity;

import java.util.Locale;

/**
 * The kind of principal an access token was issued to ({@code principal_type} claim).
 */
public enum PrincipalType {

	/** A brand's staff member (authorization code flow of the admin console). */
	STAFF,

	/** A shopper (authorization code flow of the storefront). */
	CUSTOMER,

	/** A brand integration (client credentials). */
	CLIENT;

	public String claim() {
		return name().toLowerCase(Locale.ROOT);
	}

}

package com.atelier.platform.identity;

/**
 * Claims Atelier adds to the access tokens it issues.
 */
public final class AtelierClaims {

	/** The id of the tenant the token belongs to. */
	public static final String TENANT = "tenant";

	/** {@link PrincipalType#claim()}. */
	public static final String PRINCIPAL_TYPE = "principal_type";

	private AtelierClaims() {
	}

}

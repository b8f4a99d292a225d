package com.atelier.platform.identity;

/**
 * Encrypts small secrets of the current tenant (payment provider keys, webhook secrets)
 * at rest under the platform's master key. The tenant and the purpose are authenticated:
 * a sealed value copied to another tenant, or used for another purpose, does not open.
 */
public interface SecretBox {

	/**
	 * @param plain the secret
	 * @param purpose what it is, e.g. {@code payments/stripe/secret-key}
	 * @return base64 text to store
	 */
	String seal(String plain, String purpose);

	/**
	 * @param sealed what {@link #seal} returned
	 * @param purpose the same purpose
	 * @return the secret
	 * @throws IllegalStateException when it does not open (another tenant's, another
	 * purpose, another master key)
	 */
	String open(String sealed, String purpose);

}

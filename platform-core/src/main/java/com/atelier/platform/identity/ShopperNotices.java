package com.atelier.platform.identity;

import com.atelier.platform.tenancy.TenantRef;

/**
 * Messages to a shopper's email address about their account. Atelier sends no email yet:
 * the implementation today logs them (with
 * {@code atelier.identity.log-verification-tokens} in development); a mail implementation
 * replaces it. Called inside the transaction that made the change, so an implementation
 * that sends must do so after commit (outbox).
 */
public interface ShopperNotices {

	/**
	 * A new account: the address must be verified with this token.
	 * @param tenant the brand
	 * @param email the normalized address
	 * @param token the verification token (secret; only its hash is stored)
	 */
	void verifyEmail(TenantRef tenant, String email, String token);

	/**
	 * Someone tried to create an account with an address that already has one at this
	 * brand. The sign-up answered as for a new address (no enumeration); the owner is
	 * told here, so that they can sign in (or know someone tried).
	 * @param tenant the brand
	 * @param email the normalized address
	 */
	void accountExists(TenantRef tenant, String email);

}

package com.atelier.platform.identity;

import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Shopper accounts of the current tenant.
 */
public interface Customers {

	/**
	 * Creates an account, and sends its address a verification token
	 * ({@link ShopperNotices}); only the token's hash is stored. When the address already
	 * has an account, nothing changes and its owner is notified instead; the caller must
	 * answer exactly as for a new account (no account enumeration).
	 * @param email email
	 * @param password 10 to 128 characters
	 * @param displayName optional name
	 * @return the new customer and the token to verify their email with, or empty when
	 * the address already had an account
	 * @throws InvalidIdentityRequest when a field is invalid
	 */
	Optional<SignUp> signUp(String email, String password, @Nullable String displayName);

	/**
	 * Marks the email of the token's customer as verified; the token can be used once.
	 * @param token the token from {@link #signUp}
	 * @return the customer
	 * @throws InvalidVerificationToken when the token is unknown or used
	 */
	Customer verify(String token);

	Optional<Customer> find(UUID id);

	/**
	 * @param customer the new account
	 * @param verificationToken proves the email
	 */
	record SignUp(Customer customer, String verificationToken) {
	}

}

package com.atelier.platform.identity;

import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Shopper accounts of the current tenant.
 */
public interface Customers {

	/**
	 * Creates an account. The verification token is returned once (and logged in
	 * development); only its hash is stored.
	 * @param email email
	 * @param password 10 to 128 characters
	 * @param displayName optional name
	 * @return the customer and the token to verify their email with
	 * @throws CustomerAlreadyExists when the email has an account at this brand
	 * @throws InvalidIdentityRequest when a field is invalid
	 */
	SignUp signUp(String email, String password, @Nullable String displayName);

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

package com.atelier.storefront.customer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.atelier.platform.identity.CredentialThrottle;
import com.atelier.platform.identity.CredentialThrottle.Key;
import com.atelier.platform.identity.CredentialThrottle.Kind;
import com.atelier.platform.identity.Customer;
import com.atelier.platform.identity.Customers;
import com.atelier.platform.identity.Emails;
import com.atelier.platform.identity.InvalidIdentityRequest;
import com.atelier.platform.identity.InvalidVerificationToken;
import com.atelier.platform.identity.UnknownPrincipal;
import com.atelier.platform.tenancy.TenantContext;

/**
 * Shopper accounts: sign-up ({@code POST /storefront/api/v1/customers}, answered alike
 * whether or not the address has an account), email verification
 * ({@code POST .../customers/verify}) and the signed-in shopper
 * ({@code GET .../customers/me}, with a storefront token). Signing in is the
 * authorization code flow with PKCE against the brand's issuer, client
 * {@code storefront}.
 */
@RestController
class CustomerController {

	private final Customers customers;

	private final CredentialThrottle throttle;

	CustomerController(Customers customers, CredentialThrottle throttle) {
		this.customers = customers;
		this.throttle = throttle;
	}

	/**
	 * 202 whether or not the address already has an account at the brand: the answer
	 * never tells (the owner of an existing address is notified instead).
	 */
	@PostMapping("/storefront/api/v1/customers")
	ResponseEntity<SignUpAccepted> signUp(@RequestBody SignUpRequest body, HttpServletRequest request) {
		if (body.email() == null || body.password() == null) {
			throw InvalidIdentityRequest.of(body.email() == null ? "email" : "password", "is required");
		}
		// Each sign-up costs a password hash and may notify an address: bounded per IP
		// address and per address signed up with, checked before any of that work.
		// Counted
		// alike for known and new addresses, so a lock tells nothing either.
		List<Key> keys = List.of(Key.ip(Kind.SIGN_UP_IP, request.getRemoteAddr()),
				Key.signUp(TenantContext.require().id(), body.email()));
		this.throttle.check(keys);
		this.customers.signUp(body.email(), body.password(), body.displayName());
		this.throttle.count(keys);
		return ResponseEntity.accepted()
			.body(new SignUpAccepted(Emails.normalize("email", body.email()),
					"Check this address's inbox: the message there says how to go on."));
	}

	@PostMapping("/storefront/api/v1/customers/verify")
	CustomerResource verify(@RequestBody VerifyRequest body, HttpServletRequest request) {
		if (body.token() == null || body.token().isBlank()) {
			throw InvalidIdentityRequest.of("token", "is required");
		}
		List<Key> keys = List.of(Key.ip(Kind.VERIFY_IP, request.getRemoteAddr()));
		this.throttle.check(keys);
		try {
			return CustomerResource.of(this.customers.verify(body.token()));
		}
		catch (InvalidVerificationToken ex) {
			this.throttle.count(keys);
			throw ex;
		}
	}

	@GetMapping("/storefront/api/v1/customers/me")
	CustomerResource me(Authentication authentication) {
		UUID id = UUID.fromString(authentication.getName());
		return this.customers.find(id)
			.map(CustomerResource::of)
			.orElseThrow(() -> new UnknownPrincipal("The account no longer exists."));
	}

	/**
	 * @param email email
	 * @param password 10 to 128 characters
	 * @param displayName name
	 */
	record SignUpRequest(@Nullable String email, @Nullable String password, @Nullable String displayName) {
	}

	/**
	 * @param email the normalized address
	 * @param message what to do next
	 */
	record SignUpAccepted(String email, String message) {
	}

	/**
	 * @param token the token sent to the email address
	 */
	record VerifyRequest(@Nullable String token) {
	}

	/**
	 * @param id id
	 * @param email email
	 * @param displayName name
	 * @param emailVerified whether the email is verified
	 * @param createdAt when the account was created
	 */
	record CustomerResource(UUID id, String email, @Nullable String displayName, boolean emailVerified,
			Instant createdAt) {

		static CustomerResource of(Customer customer) {
			return new CustomerResource(customer.id(), customer.email(), customer.displayName(),
					customer.emailVerified(), customer.createdAt());
		}

	}

}

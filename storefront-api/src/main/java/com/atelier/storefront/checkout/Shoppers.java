package com.atelier.storefront.checkout;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;

/**
 * The signed-in shopper of a request, if any.
 */
final class Shoppers {

	private Shoppers() {
	}

	static @Nullable UUID customerId(@Nullable Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication.getAuthorities().stream().noneMatch((a) -> "customer".equals(a.getAuthority()))) {
			return null;
		}
		return UUID.fromString(authentication.getName());
	}

}

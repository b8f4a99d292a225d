package com.atelier.platform.payments;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.atelier.platform.identity.Actor;

/**
 * The payment providers of the current tenant. {@code manual} is always available;
 * {@code stripe} once its keys are configured.
 */
public interface PaymentProviders {

	/**
	 * @param name {@code manual} or {@code stripe}
	 * @return the provider, configured for the current tenant
	 * @throws ProviderNotConfigured when the tenant has not configured it, or the name is
	 * unknown
	 */
	PaymentProvider provider(String name);

	/** Names of the providers shoppers of the current tenant can pay with. */
	List<String> available();

	/**
	 * Stores the tenant's Stripe keys (encrypted). Audited, without the secrets.
	 * @param secretKey {@code sk_live_...} or {@code sk_test_...}
	 * @param webhookSecret {@code whsec_...}
	 * @param apiBase the API's base URL, or null for Stripe's own
	 * @param actor who
	 */
	void configureStripe(String secretKey, String webhookSecret, @Nullable String apiBase, Actor actor);

}

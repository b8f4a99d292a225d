package com.atelier.platform.identity.internal;

/**
 * Atelier's own settings stored with each registered client.
 */
final class IdentitySettings {

	/**
	 * Client setting: the API of the access tokens the client gets
	 * ({@code Audience#setting()}).
	 */
	static final String AUDIENCE = "settings.atelier.audience";

	/** The admin console's client id, in every tenant. */
	static final String ADMIN_CONSOLE = "admin-console";

	/** The storefront's client id, in every tenant. */
	static final String STOREFRONT = "storefront";

	private IdentitySettings() {
	}

}

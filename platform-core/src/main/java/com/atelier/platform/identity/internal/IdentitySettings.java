package com.atelier.platform.identity.internal;

/**
 * Atelier's own settings stored with each registered client.
 */
final class IdentitySettings {

	/** Client setting: the {@code aud} of the access tokens the client gets. */
	static final String AUDIENCE = "settings.atelier.audience";

	/** The admin console's client id, in every tenant. */
	static final String ADMIN_CONSOLE = "admin-console";

	/** The storefront's client id, in every tenant. */
	static final String STOREFRONT = "storefront";

	private IdentitySettings() {
	}

}

package com.atelier.testing;

import java.security.SecureRandom;
import java.util.List;

import com.atelier.platform.tenancy.NewTenant;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantProvisioning;

/**
 * Tenants for tests. Slugs are unique per call, so tests sharing a database never
 * collide.
 */
public final class TestTenants {

	private static final SecureRandom RANDOM = new SecureRandom();

	private TestTenants() {
	}

	/** A fresh slug: the prefix, a hyphen and six random letters or digits. */
	public static String uniqueSlug(String prefix) {
		String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
		StringBuilder slug = new StringBuilder(prefix).append('-');
		for (int i = 0; i < 6; i++) {
			slug.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
		}
		return slug.toString();
	}

	/** A new EUR tenant named after its slug. */
	public static Tenant create(TenantProvisioning provisioning, String prefix) {
		String slug = uniqueSlug(prefix);
		return provisioning.create(NewTenant.of(slug, "Maison " + slug, "EUR", List.of(), List.of("fr-FR", "en")));
	}

}

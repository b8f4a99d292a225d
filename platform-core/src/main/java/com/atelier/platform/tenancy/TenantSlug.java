package com.atelier.platform.tenancy;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.atelier.platform.problem.Problems;

/**
 * A tenant's short name: {@code ^[a-z][a-z0-9-]{1,39}$}, not a reserved word. It names
 * the development host ({@code {slug}.localhost}) and, through {@link TenantSchema}, the
 * PostgreSQL schema.
 *
 * @param value the slug
 */
public record TenantSlug(String value) {

	private static final Pattern PATTERN = Pattern.compile("^[a-z][a-z0-9-]{1,39}$");

	/**
	 * Words a tenant may not take: they name parts of the platform, common subdomains, or
	 * PostgreSQL schemas.
	 */
	public static final Set<String> RESERVED = Set.of("admin", "api", "app", "assets", "atelier", "auth", "cdn",
			"console", "default", "docs", "graphql", "health", "help", "information-schema", "internal", "localhost",
			"login", "mail", "null", "oauth", "oauth2", "operator", "pg", "platform", "postgres", "public", "root",
			"static", "status", "storefront", "support", "system", "template", "tenant", "www");

	public TenantSlug {
		Objects.requireNonNull(value, "value");
		problem(value).ifPresent((message) -> {
			throw new IllegalArgumentException(message);
		});
	}

	/**
	 * Says what is wrong with a candidate slug.
	 * @param candidate the slug as given
	 * @return a message for the caller, or empty when the slug is acceptable
	 */
	public static Optional<String> problem(String candidate) {
		if (!PATTERN.matcher(candidate).matches()) {
			return Optional.of("must be 2 to 40 characters: a lower-case letter, then lower-case letters, digits or"
					+ " hyphens (^[a-z][a-z0-9-]{1,39}$)");
		}
		if (RESERVED.contains(candidate)) {
			return Optional.of(Problems.quote(candidate) + " is reserved");
		}
		return Optional.empty();
	}

	public static Optional<TenantSlug> parse(String candidate) {
		return problem(candidate).isEmpty() ? Optional.of(new TenantSlug(candidate)) : Optional.empty();
	}

	@Override
	public String toString() {
		return this.value;
	}

}

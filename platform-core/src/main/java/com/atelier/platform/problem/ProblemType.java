package com.atelier.platform.problem;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A stable RFC 9457 problem {@code type}: clients may branch on {@link #uri()}. Every
 * type is listed in {@code docs/problems.md}.
 *
 * @param slug the short name, e.g. {@code unknown-tenant}
 * @param title a short, human-readable summary that does not change between occurrences
 * @param status the HTTP status this problem is answered with
 */
public record ProblemType(String slug, String title, int status) {

	private static final Pattern SLUG = Pattern.compile("^[a-z][a-z0-9-]*$");

	/** Prefix of every problem type URI. */
	public static final String URI_PREFIX = "urn:atelier:problem:";

	public ProblemType {
		Objects.requireNonNull(slug, "slug");
		Objects.requireNonNull(title, "title");
		if (!SLUG.matcher(slug).matches()) {
			throw new IllegalArgumentException("problem slug must be kebab-case: " + slug);
		}
		if (status < 400 || status > 599) {
			throw new IllegalArgumentException("problem status must be 4xx or 5xx: " + status);
		}
	}

	public URI uri() {
		return URI.create(URI_PREFIX + this.slug);
	}

}

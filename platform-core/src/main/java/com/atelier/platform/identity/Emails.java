package com.atelier.platform.identity;

import java.util.Locale;
import java.util.regex.Pattern;

import com.atelier.platform.problem.Problems;

/**
 * Email addresses as identity stores them: trimmed, lower case, plausibly shaped.
 */
public final class Emails {

	private static final Pattern SHAPE = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");

	private Emails() {
	}

	/**
	 * @param field the field name for the error
	 * @param email the address as given
	 * @return the normalized address
	 * @throws InvalidIdentityRequest when it is not an email address
	 */
	public static String normalize(String field, String email) {
		String normalized = email.strip().toLowerCase(Locale.ROOT);
		if (normalized.length() > 254 || !SHAPE.matcher(normalized).matches()) {
			throw InvalidIdentityRequest.of(field, Problems.quote(email) + " is not an email address");
		}
		return normalized;
	}

}

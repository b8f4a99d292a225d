package com.atelier.platform.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Opaque keyset cursors: the sort key values of the last row of a page,
 * base64url-encoded. Keyset pages stay stable while rows are added.
 */
public final class Cursors {

	private static final String SEPARATOR = "\u001f";

	private Cursors() {
	}

	public static String encode(String... values) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(String.join(SEPARATOR, values).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * @param cursor a value from {@link #encode}
	 * @param size how many values it must hold
	 * @return the values
	 * @throws CatalogProblems.Invalid when it is not such a cursor (field {@code after})
	 */
	public static List<String> decode(String cursor, int size) {
		try {
			List<String> values = List
				.of(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(SEPARATOR, -1));
			if (values.size() != size) {
				throw new IllegalArgumentException();
			}
			return values;
		}
		catch (IllegalArgumentException ex) {
			throw invalid();
		}
	}

	/**
	 * @return the problem of an {@code after} value that is not a cursor of this list
	 * (for values that decode but do not parse)
	 */
	public static CatalogProblems.Invalid invalid() {
		return CatalogProblems.Invalid.of("after", "is not a cursor from a previous page of this list");
	}

}

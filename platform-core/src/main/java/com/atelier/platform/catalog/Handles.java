package com.atelier.platform.catalog;

import java.util.regex.Pattern;

/**
 * Handles: the readable, URL-safe ids of products, collections, markets and locations.
 */
public final class Handles {

	private static final Pattern HANDLE = Pattern.compile("^[a-z0-9][a-z0-9-]{0,99}$");

	private Handles() {
	}

	public static boolean valid(String handle) {
		return HANDLE.matcher(handle).matches();
	}

	public static String message() {
		return "must be 1 to 100 lower-case letters, digits or hyphens, starting with a letter or digit";
	}

}

package com.atelier.platform.identity.internal;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random secrets: 32 bytes from a CSPRNG, base64url without padding, with a readable
 * prefix.
 */
final class Secrets {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Secrets() {
	}

	static String generate(String prefix) {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * A password people can type: 20 characters from an unambiguous alphabet (about 100
	 * bits).
	 */
	static String password() {
		String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 20; i++) {
			password.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
		}
		return password.toString();
	}

}

package com.atelier.platform.orders.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Cart tokens: 256 random bits, base64url; only their SHA-256 is stored, so the table
 * does not hold bearer secrets.
 */
final class CartTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Pattern SHAPE = Pattern.compile("^[A-Za-z0-9_-]{43}$");

	private CartTokens() {
	}

	static String generate() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Whether the text could be a token at all (anything else is simply not found). */
	static boolean wellFormed(String token) {
		return token != null && SHAPE.matcher(token).matches();
	}

	static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

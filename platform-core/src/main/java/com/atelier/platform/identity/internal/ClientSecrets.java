package com.atelier.platform.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Checking client secrets against their stored SHA-256 hashes (ADR 10), for the
 * authorization server's client authentication.
 */
public final class ClientSecrets {

	private ClientSecrets() {
	}

	public static String hash(String secret) {
		return Sha256SecretEncoder.hash(secret);
	}

	public static boolean matches(String secret, String storedHash) {
		return MessageDigest.isEqual(hash(secret).getBytes(StandardCharsets.US_ASCII),
				storedHash.getBytes(StandardCharsets.US_ASCII));
	}

}

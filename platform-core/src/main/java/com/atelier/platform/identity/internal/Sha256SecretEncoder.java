package com.atelier.platform.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * SHA-256 for secrets Atelier generates itself (client secrets, operator and verification
 * tokens): 256 random bits each, so a fast hash is as safe as a slow one and keeps token
 * endpoints fast. Never for passwords people choose (those use Argon2id). See ADR 10.
 */
final class Sha256SecretEncoder implements PasswordEncoder {

	static String hash(String secret) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String encode(CharSequence rawPassword) {
		return hash(rawPassword.toString());
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		return MessageDigest.isEqual(hash(rawPassword.toString()).getBytes(StandardCharsets.US_ASCII),
				encodedPassword.getBytes(StandardCharsets.US_ASCII));
	}

}

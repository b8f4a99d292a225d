package com.atelier.platform.identity.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Encrypts private signing keys at rest with AES-256-GCM under the master key
 * ({@code atelier.master-key}, base64 of 32 bytes; {@code ATELIER_MASTER_KEY}). The
 * tenant id and key id are authenticated data: a ciphertext copied to another tenant or
 * key row does not decrypt. Layout: 12-byte nonce, then ciphertext and 16-byte tag.
 */
final class KeyCipher {

	private static final int NONCE = 12;

	private static final int TAG_BITS = 128;

	private final @Nullable SecretKey masterKey;

	private final SecureRandom random = new SecureRandom();

	KeyCipher(@Nullable String masterKeyBase64) {
		this.masterKey = (masterKeyBase64 == null || masterKeyBase64.isBlank()) ? null : parse(masterKeyBase64);
	}

	private static SecretKey parse(String base64) {
		byte[] key;
		try {
			key = Base64.getDecoder().decode(base64.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("atelier.master-key (ATELIER_MASTER_KEY) is not base64");
		}
		if (key.length != 32) {
			throw new IllegalStateException(
					"atelier.master-key (ATELIER_MASTER_KEY) must be 32 bytes, base64-encoded; it has " + key.length);
		}
		return new SecretKeySpec(key, "AES");
	}

	byte[] encrypt(byte[] plain, String tenantId, String kid) {
		try {
			byte[] nonce = new byte[NONCE];
			this.random.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(aad(tenantId, kid));
			byte[] sealed = cipher.doFinal(plain);
			return ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot encrypt a signing key", ex);
		}
	}

	byte[] decrypt(byte[] stored, String tenantId, String kid) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, stored, 0, NONCE));
			cipher.updateAAD(aad(tenantId, kid));
			return cipher.doFinal(stored, NONCE, stored.length - NONCE);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot decrypt signing key " + kid
					+ ": wrong master key, or the key row does not belong to this tenant", ex);
		}
	}

	/**
	 * A key for another purpose, derived from the master key (HMAC-SHA256 of the
	 * purpose), so that no second secret needs managing.
	 * @param purpose what the key is for, e.g. {@code device-cookie-v1}
	 * @return 32 bytes
	 */
	byte[] derive(String purpose) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key().getEncoded(), "HmacSHA256"));
			return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot derive a key", ex);
		}
	}

	private SecretKey key() {
		if (this.masterKey == null) {
			throw new IllegalStateException("No master key: set ATELIER_MASTER_KEY (base64 of 32 random bytes, e.g."
					+ " `openssl rand -base64 32`); bin/atelier generates one under ATELIER_DATA_DIR with the"
					+ " embedded database");
		}
		return this.masterKey;
	}

	private static byte[] aad(String tenantId, String kid) {
		return (tenantId + "/" + kid).getBytes(StandardCharsets.UTF_8);
	}

}

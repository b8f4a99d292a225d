package com.atelier.platform.identity.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.springframework.stereotype.Service;

import com.atelier.platform.identity.SecretBox;
import com.atelier.platform.tenancy.TenantContext;

/**
 * {@link SecretBox} over the signing keys' cipher: AES-256-GCM under the master key, with
 * the tenant id and the purpose as authenticated data.
 */
@Service
class TenantSecretBox implements SecretBox {

	private final KeyCipher cipher;

	TenantSecretBox(KeyCipher cipher) {
		this.cipher = cipher;
	}

	@Override
	public String seal(String plain, String purpose) {
		byte[] sealed = this.cipher.encrypt(plain.getBytes(StandardCharsets.UTF_8), tenant(), "secret:" + purpose);
		return Base64.getEncoder().encodeToString(sealed);
	}

	@Override
	public String open(String sealed, String purpose) {
		byte[] plain = this.cipher.decrypt(Base64.getDecoder().decode(sealed), tenant(), "secret:" + purpose);
		return new String(plain, StandardCharsets.UTF_8);
	}

	private static String tenant() {
		return TenantContext.require().id().value().toString();
	}

}

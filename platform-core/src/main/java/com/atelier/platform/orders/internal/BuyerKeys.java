package com.atelier.platform.orders.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import com.atelier.platform.ratelimit.ClientAddress;

/**
 * Who a checkout counts against (ADR 30). Purchase limits and unpaid-order limits count
 * by a normalised e-mail address, the same rule for every domain: lower case, the local
 * part without its {@code +tag} and without dots, {@code googlemail.com} as
 * {@code gmail.com}. So {@code L.imit+2@Example.com} counts as {@code limit@example.com}.
 * The tenant changelog (0008) applied the same rule to the orders placed before it.
 */
final class BuyerKeys {

	private BuyerKeys() {
	}

	static String email(String email) {
		String lower = email.strip().toLowerCase(Locale.ROOT);
		int at = lower.indexOf('@');
		if (at < 0) {
			return lower;
		}
		String local = lower.substring(0, at);
		String domain = lower.substring(at + 1);
		int second = domain.indexOf('@');
		if (second >= 0) {
			domain = domain.substring(0, second);
		}
		int plus = local.indexOf('+');
		if (plus >= 0) {
			local = local.substring(0, plus);
		}
		local = local.replace(".", "");
		if ("googlemail.com".equals(domain)) {
			domain = "gmail.com";
		}
		return local + "@" + domain;
	}

	/**
	 * A network address as counted: the same key the rate limits use
	 * ({@link ClientAddress}: IPv4 whole, IPv6 by its /64, one subscriber's network,
	 * which a single machine can spread over at will).
	 * @param address the client's address as the servlet container gives it
	 * @return the key, or null when it is not an address literal
	 */
	static @Nullable String ip(@Nullable String address) {
		if (address == null || address.isBlank() || address.length() > 64
				|| !address.matches("^[0-9A-Fa-f:.]+(%[0-9A-Za-z_.-]+)?$")) {
			return null;
		}
		return ClientAddress.key(address.replaceAll("%.*$", ""));
	}

	/** A device id from the front end, hashed (it is the caller's to choose). */
	static String device(String device) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(device.getBytes(StandardCharsets.UTF_8)), 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

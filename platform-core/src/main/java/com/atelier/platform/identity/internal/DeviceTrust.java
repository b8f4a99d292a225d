package com.atelier.platform.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

import com.atelier.platform.identity.CredentialThrottle;
import com.atelier.platform.tenancy.TenantId;

/**
 * Device cookies (OWASP, "Slow down online guessing attacks with device cookies"): a
 * browser that signed in to an account gets a cookie, signed with a key derived from the
 * master key, naming a random device id and the account. While the account is locked for
 * other clients, that browser keeps signing in with its own attempt budget, so an
 * attacker who knows an address cannot lock its owner out. One cookie per account and
 * sign-in page, {@code HttpOnly}, {@code SameSite=Strict}, path of the page.
 */
public final class DeviceTrust {

	static final String COOKIE_PREFIX = "atelier_device_";

	private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

	private static final SecureRandom RANDOM = new SecureRandom();

	private final KeyCipher cipher;

	private final Supplier<Duration> trust;

	private volatile byte @Nullable [] key;

	DeviceTrust(KeyCipher cipher, Supplier<Duration> trust) {
		this.cipher = cipher;
		this.trust = trust;
	}

	/**
	 * The trusted device of this request for the account, if it carries a valid cookie.
	 * @param request the sign-in request
	 * @param tenant the brand
	 * @param door the sign-in page ({@code staff}, {@code shopper})
	 * @param email the address typed
	 * @return the device id
	 */
	public Optional<String> device(HttpServletRequest request, TenantId tenant, String door, String email) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return Optional.empty();
		}
		String account = account(tenant, door, email);
		String name = cookieName(account);
		for (Cookie cookie : cookies) {
			if (name.equals(cookie.getName())) {
				Optional<String> device = verify(account, cookie.getValue());
				if (device.isPresent()) {
					return device;
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * Trusts this browser for the account from now on (a successful sign-in).
	 * @param request the sign-in request
	 * @param response its response
	 * @param tenant the brand
	 * @param door the sign-in page
	 * @param email the address typed
	 * @param device the device id the browser already had, if any
	 * @param path the sign-in page's path
	 */
	public void trust(HttpServletRequest request, HttpServletResponse response, TenantId tenant, String door,
			String email, @Nullable String device, String path) {
		String account = account(tenant, door, email);
		String id = (device != null) ? device : newDeviceId();
		long issued = Instant.now().getEpochSecond();
		String value = id + "." + issued + "." + mac("v1|" + account + "|" + id + "|" + issued);
		ResponseCookie cookie = ResponseCookie.from(cookieName(account), value)
			.path(path)
			.maxAge(this.trust.get())
			.httpOnly(true)
			.secure(request.isSecure())
			.sameSite("Strict")
			.build();
		response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
	}

	private Optional<String> verify(String account, String value) {
		String[] parts = value.split("\\.", -1);
		if (parts.length != 3 || parts[0].isEmpty() || parts[0].length() > 64) {
			return Optional.empty();
		}
		long issued;
		try {
			issued = Long.parseLong(parts[1]);
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
		String expected = mac("v1|" + account + "|" + parts[0] + "|" + issued);
		if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				parts[2].getBytes(StandardCharsets.US_ASCII))) {
			return Optional.empty();
		}
		Instant now = Instant.now();
		Instant issuedAt = Instant.ofEpochSecond(issued);
		if (issuedAt.isAfter(now.plusSeconds(60)) || issuedAt.plus(this.trust.get()).isBefore(now)) {
			return Optional.empty();
		}
		return Optional.of(parts[0]);
	}

	private static String account(TenantId tenant, String door, String email) {
		return tenant + "|" + door + "|" + CredentialThrottle.Key.hash(email);
	}

	private String cookieName(String account) {
		return COOKIE_PREFIX + mac("name|" + account).substring(0, 16);
	}

	private static String newDeviceId() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return B64.encodeToString(bytes);
	}

	private String mac(String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key(), "HmacSHA256"));
			return B64.encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot sign a device cookie", ex);
		}
	}

	private byte[] key() {
		byte[] current = this.key;
		if (current == null) {
			current = this.cipher.derive("atelier-device-cookie-v1");
			this.key = current;
		}
		return current;
	}

}

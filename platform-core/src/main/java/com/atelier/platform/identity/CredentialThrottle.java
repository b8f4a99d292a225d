package com.atelier.platform.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.springframework.boot.context.properties.bind.DefaultValue;

import com.atelier.platform.tenancy.TenantId;

/**
 * The defence against credential guessing (ADR 26): failed attempts are counted per key
 * (an account, a trusted device, an IP address per door) in PostgreSQL, so the count
 * holds across nodes. A key that reaches its limit is locked, for
 * {@link Limits#lockout()} at first and twice as long after each further failure (up to
 * {@link Limits#maxLockout()}); its failures are forgotten after {@link Limits#memory()}
 * without one. Callers check before any costly work (a password hash): a locked key is
 * refused at once, never delayed by sleeping.
 */
public interface CredentialThrottle {

	/**
	 * Refuses when any key is locked.
	 * @param keys the keys of this attempt
	 * @throws TooManyAttempts when one is locked; it says for how long
	 */
	void check(Collection<Key> keys);

	/**
	 * Counts a failed (or, for sign-up, a costly) attempt against each key.
	 * @param keys the keys of the attempt
	 * @return the keys this attempt locked (each with its lock)
	 */
	List<Lock> count(Collection<Key> keys);

	/**
	 * Forgets the failures of these keys (a successful sign-in of the account).
	 * @param keys the keys
	 */
	void clear(Collection<Key> keys);

	/** The limits in force. */
	Limits limits();

	/**
	 * Replaces the limits on this node until the next call (tests use short durations;
	 * operators set {@code atelier.identity.throttle.*}).
	 * @param limits the new limits
	 */
	void limits(Limits limits);

	/**
	 * {@code atelier.identity.throttle.*}.
	 *
	 * @param accountFailures failed sign-ins of one account (from untrusted clients) that
	 * lock it
	 * @param deviceFailures failed sign-ins from one trusted device (device cookie) that
	 * lock that device
	 * @param ipFailures failed attempts from one IP address, per door (sign-in, token
	 * endpoint, email verification), that lock the address
	 * @param signUpsPerIp sign-ups from one IP address that lock it for sign-up
	 * @param signUpsPerEmail sign-ups with one address (at one brand) that lock it
	 * @param lockout the first lock; each further failure doubles it
	 * @param maxLockout the longest lock
	 * @param memory failures are forgotten after this long without another
	 * @param deviceTrust how long a device cookie from a successful sign-in is trusted
	 */
	record Limits(@DefaultValue("5") int accountFailures, @DefaultValue("10") int deviceFailures,
			@DefaultValue("50") int ipFailures, @DefaultValue("20") int signUpsPerIp,
			@DefaultValue("5") int signUpsPerEmail, @DefaultValue("1m") Duration lockout,
			@DefaultValue("30m") Duration maxLockout, @DefaultValue("1h") Duration memory,
			@DefaultValue("90d") Duration deviceTrust) {

		public Limits {
			Objects.requireNonNull(lockout, "lockout");
			Objects.requireNonNull(maxLockout, "maxLockout");
			Objects.requireNonNull(memory, "memory");
			Objects.requireNonNull(deviceTrust, "deviceTrust");
			if (accountFailures < 1 || deviceFailures < 1 || ipFailures < 1 || signUpsPerIp < 1
					|| signUpsPerEmail < 1) {
				throw new IllegalArgumentException("atelier.identity.throttle limits must be at least 1");
			}
			if (lockout.isNegative() || lockout.isZero() || maxLockout.compareTo(lockout) < 0) {
				throw new IllegalArgumentException(
						"atelier.identity.throttle.lockout must be positive and at most max-lockout");
			}
		}

		/** The defaults. */
		public static Limits defaults() {
			return new Limits(5, 10, 50, 20, 5, Duration.ofMinutes(1), Duration.ofMinutes(30), Duration.ofHours(1),
					Duration.ofDays(90));
		}

		/** How many counted attempts lock a key of this kind. */
		public int limit(Kind kind) {
			return switch (kind) {
				case ACCOUNT -> this.accountFailures;
				case DEVICE -> this.deviceFailures;
				case SIGN_IN_IP, TOKEN_IP, VERIFY_IP -> this.ipFailures;
				case SIGN_UP_IP -> this.signUpsPerIp;
				case SIGN_UP_EMAIL -> this.signUpsPerEmail;
			};
		}

	}

	/** What a key counts. */
	enum Kind {

		/** Sign-ins of one account at one door, from clients it does not trust. */
		ACCOUNT,

		/** Sign-ins from one trusted device (device cookie) to its account. */
		DEVICE,

		/** Failed sign-ins from one IP address. */
		SIGN_IN_IP,

		/** Failed token requests (client authentication, grants) from one IP address. */
		TOKEN_IP,

		/** Failed email verifications from one IP address. */
		VERIFY_IP,

		/** Sign-ups from one IP address. */
		SIGN_UP_IP,

		/** Sign-ups with one address at one brand. */
		SIGN_UP_EMAIL

	}

	/**
	 * One thing attempts are counted against. Accounts and addresses are hashed into the
	 * key: the table names no email.
	 *
	 * @param kind what it counts
	 * @param value the stored key
	 */
	record Key(Kind kind, String value) {

		public Key {
			Objects.requireNonNull(kind, "kind");
			if (value.isEmpty() || value.length() > 200) {
				throw new IllegalArgumentException("a throttle key has 1 to 200 characters");
			}
		}

		/**
		 * @param tenant the brand
		 * @param door the sign-in page ({@code staff}, {@code shopper})
		 * @param email the address typed (normalized here)
		 */
		public static Key account(TenantId tenant, String door, String email) {
			return new Key(Kind.ACCOUNT, "acct:" + tenant + ":" + door + ":" + hash(email));
		}

		/**
		 * @param device a trusted device's id (random, at most 64 characters)
		 */
		public static Key device(String device) {
			return new Key(Kind.DEVICE, "dev:" + device);
		}

		/**
		 * @param kind an IP kind
		 * @param address the client's IP address ({@code request.getRemoteAddr()})
		 */
		public static Key ip(Kind kind, String address) {
			String value = (address.length() > 64) ? hash(address) : address;
			return new Key(kind, kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + ":" + value);
		}

		/**
		 * @param tenant the brand
		 * @param email the address signed up with
		 */
		public static Key signUp(TenantId tenant, String email) {
			return new Key(Kind.SIGN_UP_EMAIL, "sign-up:" + tenant + ":" + hash(email));
		}

		/** SHA-256 of the trimmed, lower-cased value, base64url. */
		public static String hash(String value) {
			try {
				byte[] digest = MessageDigest.getInstance("SHA-256")
					.digest(value.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
				return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/**
	 * A key locked by an attempt.
	 *
	 * @param key the key
	 * @param failures its counted attempts
	 * @param until when the lock ends
	 */
	record Lock(Key key, int failures, Instant until) {
	}

}

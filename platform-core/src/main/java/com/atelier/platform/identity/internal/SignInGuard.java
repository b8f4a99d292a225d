package com.atelier.platform.identity.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionOperations;

import com.atelier.platform.identity.Actor;
import com.atelier.platform.identity.AuditLog;
import com.atelier.platform.identity.CredentialThrottle;
import com.atelier.platform.identity.CredentialThrottle.Key;
import com.atelier.platform.identity.CredentialThrottle.Kind;
import com.atelier.platform.identity.CredentialThrottle.Lock;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantDsl;
import com.atelier.platform.tenancy.TenantRef;

import static com.atelier.platform.jooq.tenant_template.Tables.CUSTOMERS;
import static com.atelier.platform.jooq.tenant_template.Tables.STAFF_USERS;

/**
 * The sign-in pages' guard against password guessing (ADR 26). An attempt from a browser
 * that holds a valid device cookie for the account counts against that device only; any
 * other attempt counts against the account (at this brand and door) and the client's IP
 * address. Locked keys are refused before the password is hashed. A lock of an account, a
 * device or an address is written to the brand's audit log.
 */
public final class SignInGuard {

	/** Who locks: the audit log's actor for locks. */
	static final Actor THROTTLE = new Actor(Actor.Type.SYSTEM, "sign-in-throttle", "Sign-in throttle");

	/** The staff sign-in page. */
	public static final String STAFF = "staff";

	/** The shoppers' sign-in page. */
	public static final String SHOPPER = "shopper";

	private final CredentialThrottle throttle;

	private final DeviceTrust devices;

	private final AuditLog audit;

	private final TenantDsl db;

	private final TransactionOperations transactions;

	SignInGuard(CredentialThrottle throttle, DeviceTrust devices, AuditLog audit, TenantDsl db,
			TransactionOperations transactions) {
		this.throttle = throttle;
		this.devices = devices;
		this.audit = audit;
		this.db = db;
		this.transactions = transactions;
	}

	/**
	 * Reads a sign-in attempt.
	 * @param request the POST of the sign-in form ({@code username}, {@code password})
	 * @param door {@link #STAFF} or {@link #SHOPPER}
	 * @return the attempt and the keys it counts against
	 */
	public Attempt attempt(HttpServletRequest request, String door) {
		TenantRef tenant = TenantContext.require();
		String username = request.getParameter("username");
		String email = (username != null) ? username.strip().toLowerCase(Locale.ROOT) : "";
		if (email.length() > 320) {
			email = email.substring(0, 320);
		}
		String ip = request.getRemoteAddr();
		String device = this.devices.device(request, tenant.id(), door, email).orElse(null);
		List<Key> keys = (device != null) ? List.of(Key.device(device))
				: List.of(Key.account(tenant.id(), door, email), Key.ip(Kind.SIGN_IN_IP, ip));
		return new Attempt(door, email, ip, device, keys);
	}

	/**
	 * @param attempt the attempt
	 * @throws com.atelier.platform.identity.TooManyAttempts when one of its keys is
	 * locked
	 */
	public void check(Attempt attempt) {
		this.throttle.check(attempt.keys());
	}

	/**
	 * Counts a wrong email or password.
	 * @param attempt the attempt
	 * @return how long the attempt's keys are now locked, if this failure locked one
	 */
	public Optional<Duration> failed(Attempt attempt) {
		List<Lock> locks = this.throttle.count(attempt.keys());
		if (locks.isEmpty()) {
			return Optional.empty();
		}
		TenantRef tenant = TenantContext.require();
		this.transactions.executeWithoutResult((status) -> {
			for (Lock lock : locks) {
				record(tenant, attempt, lock);
			}
		});
		Instant until = locks.stream().map(Lock::until).max(Instant::compareTo).orElseThrow();
		return Optional.of(Duration.between(Instant.now(), until));
	}

	/**
	 * A successful sign-in: the browser is trusted for the account, and the failures of
	 * what the attempt counted against are forgotten: the device's, or the account's when
	 * the browser was not trusted yet. (A trusted browser's sign-in leaves a lock of the
	 * account for other clients in place: otherwise every sign-in of the owner would give
	 * someone guessing a fresh budget.)
	 * @param attempt the attempt
	 * @param request the request
	 * @param response the response (gets the device cookie)
	 * @param path the sign-in page's path
	 */
	public void succeeded(Attempt attempt, HttpServletRequest request, HttpServletResponse response, String path) {
		TenantRef tenant = TenantContext.require();
		this.throttle.clear((attempt.device() != null) ? List.of(Key.device(attempt.device()))
				: List.of(Key.account(tenant.id(), attempt.door(), attempt.email())));
		this.devices.trust(request, response, tenant.id(), attempt.door(), attempt.email(), attempt.device(), path);
	}

	private void record(TenantRef tenant, Attempt attempt, Lock lock) {
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("door", attempt.door());
		after.put("failures", lock.failures());
		after.put("lockedUntil", lock.until().toString());
		after.put("ip", attempt.ip());
		switch (lock.key().kind()) {
			case ACCOUNT, DEVICE -> {
				UUID account = accountId(attempt);
				if (account == null) {
					// Unknown addresses are locked alike (the answer must not tell), but
					// there is no account to audit.
					return;
				}
				after.put("trustedDevice", lock.key().kind() == Kind.DEVICE);
				this.audit.record(THROTTLE,
						(lock.key().kind() == Kind.DEVICE) ? "sign-in.device-locked" : "sign-in.locked",
						STAFF.equals(attempt.door()) ? "staff" : "customer", account.toString(), null, after);
			}
			default -> this.audit.record(THROTTLE, "sign-in.ip-locked", "ip-address", attempt.ip(), null, after);
		}
	}

	private @Nullable UUID accountId(Attempt attempt) {
		if (STAFF.equals(attempt.door())) {
			return this.db.dsl()
				.select(STAFF_USERS.ID)
				.from(STAFF_USERS)
				.where(STAFF_USERS.EMAIL.eq(attempt.email()))
				.fetchOne(STAFF_USERS.ID);
		}
		return this.db.dsl()
			.select(CUSTOMERS.ID)
			.from(CUSTOMERS)
			.where(CUSTOMERS.EMAIL.eq(attempt.email()))
			.fetchOne(CUSTOMERS.ID);
	}

	/**
	 * A sign-in attempt.
	 *
	 * @param door the sign-in page
	 * @param email the address typed, normalized
	 * @param ip the client's address
	 * @param device the trusted device making it, if any
	 * @param keys what it counts against
	 */
	public record Attempt(String door, String email, String ip, @Nullable String device, List<Key> keys) {
	}

}

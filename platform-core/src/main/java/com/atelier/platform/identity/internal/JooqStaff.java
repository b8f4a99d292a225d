package com.atelier.platform.identity.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jooq.Record;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.atelier.platform.identity.Actor;
import com.atelier.platform.identity.AuditLog;
import com.atelier.platform.identity.Emails;
import com.atelier.platform.identity.InvalidIdentityRequest;
import com.atelier.platform.identity.LastOwner;
import com.atelier.platform.identity.OwnerRequired;
import com.atelier.platform.identity.Role;
import com.atelier.platform.identity.Staff;
import com.atelier.platform.identity.StaffAlreadyExists;
import com.atelier.platform.identity.StaffMember;
import com.atelier.platform.identity.UnknownPrincipal;
import com.atelier.platform.tenancy.TenantDsl;

import static com.atelier.platform.jooq.tenant_template.Tables.STAFF_USERS;

/**
 * Staff in the tenant's schema. Passwords are Argon2id hashes.
 */
@Service
@Transactional
class JooqStaff implements Staff {

	private final TenantDsl db;

	private final PasswordEncoder passwords;

	private final AuditLog audit;

	private final PrincipalCache principals;

	JooqStaff(TenantDsl db, PasswordEncoder passwords, AuditLog audit, PrincipalCache principals) {
		this.db = db;
		this.passwords = passwords;
		this.audit = audit;
		this.principals = principals;
	}

	@Override
	public Invitation create(String email, @Nullable String displayName, Role role, Actor actor) {
		String normalized = Emails.normalize("email", email);
		String name = name(displayName);
		if (role == Role.OWNER && !mayManageOwners(actor)) {
			throw new OwnerRequired();
		}
		if (this.db.dsl().fetchExists(STAFF_USERS, STAFF_USERS.EMAIL.eq(normalized))) {
			throw new StaffAlreadyExists();
		}
		String password = Secrets.password();
		UUID id = UUID.randomUUID();
		try {
			this.db.dsl()
				.insertInto(STAFF_USERS)
				.set(STAFF_USERS.ID, id)
				.set(STAFF_USERS.EMAIL, normalized)
				.set(STAFF_USERS.DISPLAY_NAME, name)
				.set(STAFF_USERS.PASSWORD_HASH, this.passwords.encode(password))
				.set(STAFF_USERS.ROLE, role.name())
				.set(STAFF_USERS.STATUS, "ACTIVE")
				.execute();
		}
		catch (DuplicateKeyException raced) {
			throw new StaffAlreadyExists();
		}
		StaffMember member = find(id).orElseThrow();
		this.audit.record(actor, "staff.created", "staff", id.toString(), null, member);
		return new Invitation(member, password);
	}

	@Override
	@Transactional(readOnly = true)
	public List<StaffMember> list() {
		return this.db.dsl().selectFrom(STAFF_USERS).orderBy(STAFF_USERS.EMAIL).fetch(JooqStaff::toMember);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<StaffMember> find(UUID id) {
		return this.db.dsl().selectFrom(STAFF_USERS).where(STAFF_USERS.ID.eq(id)).fetchOptional(JooqStaff::toMember);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<StaffMember> findByEmail(String email) {
		return this.db.dsl()
			.selectFrom(STAFF_USERS)
			.where(STAFF_USERS.EMAIL.eq(email.strip().toLowerCase(java.util.Locale.ROOT)))
			.fetchOptional(JooqStaff::toMember);
	}

	@Override
	public StaffMember update(UUID id, @Nullable Role role, @Nullable Boolean active, @Nullable String displayName,
			Actor actor) {
		StaffMember before = this.db.dsl()
			.selectFrom(STAFF_USERS)
			.where(STAFF_USERS.ID.eq(id))
			.forUpdate()
			.fetchOptional(JooqStaff::toMember)
			.orElseThrow(() -> new UnknownPrincipal("No staff member with id " + id + "."));
		boolean touchesOwner = before.role() == Role.OWNER || role == Role.OWNER;
		if (touchesOwner && !mayManageOwners(actor)) {
			throw new OwnerRequired();
		}
		boolean losesOwner = before.role() == Role.OWNER && before.active()
				&& ((role != null && role != Role.OWNER) || Boolean.FALSE.equals(active));
		if (losesOwner && activeOwners() <= 1) {
			throw new LastOwner();
		}
		var update = this.db.dsl().update(STAFF_USERS).set(STAFF_USERS.UPDATED_AT, OffsetDateTime.now());
		if (role != null) {
			update = update.set(STAFF_USERS.ROLE, role.name());
		}
		if (active != null) {
			update = update.set(STAFF_USERS.STATUS, active ? "ACTIVE" : "DISABLED");
		}
		if (displayName != null) {
			update = update.set(STAFF_USERS.DISPLAY_NAME, name(displayName));
		}
		update.where(STAFF_USERS.ID.eq(id)).execute();
		StaffMember after = find(id).orElseThrow();
		this.audit.record(actor, "staff.updated", "staff", id.toString(), before, after);
		this.principals.forgetStaff(id);
		return after;
	}

	/** Records a successful sign-in. */
	void signedIn(UUID id) {
		this.db.dsl()
			.update(STAFF_USERS)
			.set(STAFF_USERS.LAST_LOGIN_AT, OffsetDateTime.now())
			.where(STAFF_USERS.ID.eq(id))
			.execute();
	}

	private int activeOwners() {
		return this.db.dsl()
			.fetchCount(STAFF_USERS, STAFF_USERS.ROLE.eq(Role.OWNER.name()).and(STAFF_USERS.STATUS.eq("ACTIVE")));
	}

	private boolean mayManageOwners(Actor actor) {
		return switch (actor.type()) {
			case OPERATOR, SYSTEM -> true;
			case INTEGRATION -> false;
			case STAFF ->
				find(UUID.fromString(actor.id())).map((m) -> m.active() && m.role() == Role.OWNER).orElse(false);
		};
	}

	private static @Nullable String name(@Nullable String displayName) {
		if (displayName == null || displayName.isBlank()) {
			return null;
		}
		String name = displayName.strip();
		if (name.length() > 200) {
			throw InvalidIdentityRequest.of("displayName", "must be at most 200 characters");
		}
		return name;
	}

	static StaffMember toMember(Record r) {
		return new StaffMember(r.get(STAFF_USERS.ID), r.get(STAFF_USERS.EMAIL), r.get(STAFF_USERS.DISPLAY_NAME),
				Role.valueOf(r.get(STAFF_USERS.ROLE)), "ACTIVE".equals(r.get(STAFF_USERS.STATUS)),
				r.get(STAFF_USERS.CREATED_AT).toInstant(),
				(r.get(STAFF_USERS.LAST_LOGIN_AT) != null) ? r.get(STAFF_USERS.LAST_LOGIN_AT).toInstant() : null);
	}

}

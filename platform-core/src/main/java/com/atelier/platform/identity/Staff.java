package com.atelier.platform.identity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The current tenant's staff. Every change is audited.
 */
public interface Staff {

	/**
	 * Adds a staff member with a generated one-time password, shown only in the result.
	 * @param email sign-in email
	 * @param displayName optional name
	 * @param role role
	 * @param actor who adds them
	 * @return the member and their one-time password
	 * @throws StaffAlreadyExists when the email is taken in this brand
	 * @throws OwnerRequired when a non-owner adds an owner
	 */
	Invitation create(String email, @Nullable String displayName, Role role, Actor actor);

	List<StaffMember> list();

	Optional<StaffMember> find(UUID id);

	Optional<StaffMember> findByEmail(String email);

	/**
	 * Changes a member's role or status.
	 * @param id the member
	 * @param role new role, or null
	 * @param active new status, or null
	 * @param displayName new name, or null
	 * @param actor who changes them
	 * @return the member after the change
	 * @throws UnknownPrincipal when there is no such member
	 * @throws OwnerRequired when a non-owner changes an owner or makes one
	 * @throws LastOwner when the change would leave no active owner
	 */
	StaffMember update(UUID id, @Nullable Role role, @Nullable Boolean active, @Nullable String displayName,
			Actor actor);

	/**
	 * @param member the new member
	 * @param oneTimePassword their initial password; not stored in clear
	 */
	record Invitation(StaffMember member, String oneTimePassword) {
	}

}

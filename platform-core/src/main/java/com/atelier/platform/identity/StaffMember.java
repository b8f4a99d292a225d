package com.atelier.platform.identity;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A member of a brand's staff.
 *
 * @param id stable id (the {@code sub} of their tokens)
 * @param email sign-in email, lower case
 * @param displayName name shown in the console
 * @param role what they may do
 * @param active whether they may sign in
 * @param createdAt when they were added
 * @param lastLoginAt when they last signed in
 */
public record StaffMember(UUID id, String email, @Nullable String displayName, Role role, boolean active,
		Instant createdAt, @Nullable Instant lastLoginAt) {

	public Actor actor() {
		return new Actor(Actor.Type.STAFF, this.id.toString(), this.email);
	}

}

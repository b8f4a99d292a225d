package com.atelier.platform.identity;

import com.atelier.platform.problem.ProblemType;

/**
 * The problem types of the identity feature.
 */
public final class IdentityProblems {

	public static final ProblemType STAFF_EXISTS = new ProblemType("staff-exists", "Staff member already exists", 409);

	public static final ProblemType UNKNOWN_STAFF = new ProblemType("not-found", "Not found", 404);

	public static final ProblemType OWNER_REQUIRED = new ProblemType("owner-required", "Only an owner may do this",
			403);

	public static final ProblemType LAST_OWNER = new ProblemType("last-owner", "The brand needs an active owner", 409);

	public static final ProblemType INVALID_TOKEN = new ProblemType("invalid-verification-token",
			"Invalid verification token", 400);

	public static final ProblemType TOO_MANY_ATTEMPTS = new ProblemType("too-many-attempts", "Too many attempts", 429);

	private IdentityProblems() {
	}

}

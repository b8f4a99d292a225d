package com.atelier.platform.problem;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Builds {@link ProblemDetail} bodies in the one shape every Atelier API answers with.
 */
public final class Problems {

	/** The request was malformed or failed validation. */
	public static final ProblemType INVALID_REQUEST = new ProblemType("invalid-request", "Invalid request", 400);

	/** No resource at this address, or one the caller may not know about. */
	public static final ProblemType NOT_FOUND = new ProblemType("not-found", "Not found", 404);

	/** The request carries no valid credentials. */
	public static final ProblemType UNAUTHORIZED = new ProblemType("unauthorized", "Unauthorized", 401);

	/** The credentials do not allow this. */
	public static final ProblemType FORBIDDEN = new ProblemType("forbidden", "Forbidden", 403);

	/** The method is not supported for this resource. */
	public static final ProblemType METHOD_NOT_ALLOWED = new ProblemType("method-not-allowed", "Method not allowed",
			405);

	/** Something failed on our side; the detail never says what. */
	/** A concurrent request changed the same thing first (a unique key it needed). */
	public static final ProblemType CONFLICT = new ProblemType("conflict", "Conflicting change", 409);

	public static final ProblemType INTERNAL = new ProblemType("internal-error", "Internal error", 500);

	private Problems() {
	}

	public static ProblemDetail of(ProblemType type, String detail) {
		return of(type, detail, List.of());
	}

	public static ProblemDetail of(ProblemType type, String detail, List<FieldProblem> fieldProblems) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(type.status()), detail);
		problem.setType(type.uri());
		problem.setTitle(type.title());
		if (!fieldProblems.isEmpty()) {
			problem.setProperty("errors",
					fieldProblems.stream().map((p) -> Map.of("field", p.field(), "message", p.message())).toList());
		}
		return problem;
	}

	public static ProblemDetail of(ProblemException ex) {
		return of(ex.type(), ex.getMessage(), ex.fieldProblems());
	}

	/**
	 * The response every API gives for the problem: its status and
	 * {@code application/problem+json}.
	 * @param problem the problem
	 * @return the response entity
	 */
	public static ResponseEntity<ProblemDetail> response(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}

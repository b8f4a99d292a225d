package com.atelier.platform.problem;

import java.util.Objects;

/**
 * One invalid field of a request, reported in the {@code errors} member of a problem.
 *
 * @param field the field name as the client sent it (JSON member or CLI option)
 * @param message what is wrong and what would be accepted
 */
public record FieldProblem(String field, String message) {

	public FieldProblem {
		Objects.requireNonNull(field, "field");
		Objects.requireNonNull(message, "message");
	}

}

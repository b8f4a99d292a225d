package com.atelier.platform.problem;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A request refused before any feature saw it (malformed encoding, control characters, an
 * unreadable body): {@code invalid-request}, with the offending fields.
 */
public class InvalidRequest extends ProblemException {

	public InvalidRequest(List<FieldProblem> problems) {
		super(Problems.INVALID_REQUEST,
				problems.stream().map((p) -> p.field() + ": " + p.message()).collect(Collectors.joining("; ")),
				problems);
	}

	public InvalidRequest(String detail) {
		super(Problems.INVALID_REQUEST, detail);
	}

	public static InvalidRequest of(String field, String message) {
		return new InvalidRequest(List.of(new FieldProblem(field, message)));
	}

}

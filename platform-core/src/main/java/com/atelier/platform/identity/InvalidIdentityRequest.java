package com.atelier.platform.identity;

import java.util.List;
import java.util.stream.Collectors;

import com.atelier.platform.problem.FieldProblem;
import com.atelier.platform.problem.ProblemException;
import com.atelier.platform.problem.Problems;

/**
 * An identity command failed validation; every invalid field is listed.
 */
public class InvalidIdentityRequest extends ProblemException {

	public InvalidIdentityRequest(List<FieldProblem> problems) {
		super(Problems.INVALID_REQUEST,
				problems.stream().map((p) -> p.field() + ": " + p.message()).collect(Collectors.joining("; ")),
				problems);
	}

	public static InvalidIdentityRequest of(String field, String message) {
		return new InvalidIdentityRequest(List.of(new FieldProblem(field, message)));
	}

}

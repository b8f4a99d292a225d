package com.atelier.platform.tenancy;

import java.util.List;
import java.util.stream.Collectors;

import com.atelier.platform.problem.FieldProblem;
import com.atelier.platform.problem.ProblemException;
import com.atelier.platform.problem.Problems;

/**
 * A tenant command failed validation; every invalid field is listed.
 */
public class InvalidTenantRequest extends ProblemException {

	public InvalidTenantRequest(List<FieldProblem> problems) {
		super(Problems.INVALID_REQUEST, describe(problems), problems);
	}

	private static String describe(List<FieldProblem> problems) {
		return problems.stream().map((p) -> p.field() + ": " + p.message()).collect(Collectors.joining("; "));
	}

}

package com.atelier.platform.brand;

import java.util.List;
import java.util.stream.Collectors;

import com.atelier.platform.problem.FieldProblem;
import com.atelier.platform.problem.ProblemException;
import com.atelier.platform.problem.Problems;

/**
 * Brand changes failed validation; every invalid field is listed.
 */
public class InvalidBrandChanges extends ProblemException {

	public InvalidBrandChanges(List<FieldProblem> problems) {
		super(Problems.INVALID_REQUEST,
				problems.stream().map((p) -> p.field() + ": " + p.message()).collect(Collectors.joining("; ")),
				problems);
	}

}

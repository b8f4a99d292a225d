package com.atelier.platform.ratelimit;

import java.util.List;

import com.atelier.platform.problem.FieldProblem;
import com.atelier.platform.problem.ProblemException;
import com.atelier.platform.problem.Problems;

/** A rule or rate that is not one. */
public final class InvalidRateLimit extends ProblemException {

	public InvalidRateLimit(String field, String message) {
		super(Problems.INVALID_REQUEST, "The rate limit is not valid: " + field + " " + message + ".",
				List.of(new FieldProblem(field, message)));
	}

}

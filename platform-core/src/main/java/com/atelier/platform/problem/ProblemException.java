package com.atelier.platform.problem;

import java.util.List;
import java.util.Map;

/**
 * An expected failure with one stable problem type. API modules translate it into an RFC
 * 9457 response; the CLI prints its message on stderr. The message is shown to the
 * caller, so it never contains internals.
 */
public abstract class ProblemException extends RuntimeException {

	private final ProblemType type;

	private final List<FieldProblem> fieldProblems;

	protected ProblemException(ProblemType type, String detail) {
		this(type, detail, List.of(), null);
	}

	protected ProblemException(ProblemType type, String detail, List<FieldProblem> fieldProblems) {
		this(type, detail, fieldProblems, null);
	}

	protected ProblemException(ProblemType type, String detail, List<FieldProblem> fieldProblems, Throwable cause) {
		// Expected and answered as a problem, never logged with a trace: skip capturing
		// the stack (the deepest part of a refused request's cost), keep any cause's.
		super(detail, cause, false, false);
		this.type = type;
		this.fieldProblems = List.copyOf(fieldProblems);
	}

	public ProblemType type() {
		return this.type;
	}

	public List<FieldProblem> fieldProblems() {
		return this.fieldProblems;
	}

	/**
	 * Response headers that go with the problem (for example {@code Retry-After}).
	 * @return header names and values; none by default
	 */
	public Map<String, String> headers() {
		return Map.of();
	}

}

package com.atelier.reporting;

import java.util.List;

import com.atelier.platform.problem.ProblemException;
import com.atelier.platform.problem.ProblemType;
import com.atelier.platform.problem.Problems;

/**
 * The reporting module's problems.
 */
public final class ReportProblems {

	/** A report ran longer than the tenant's statement timeout and was cancelled. */
	public static final ProblemType TIMED_OUT = new ProblemType("report-timed-out", "Report timed out", 503);

	private ReportProblems() {
	}

	/** The statement timeout cancelled the report. */
	public static final class TimedOut extends ProblemException {

		public TimedOut(String report, long timeoutMillis, Throwable cause) {
			super(TIMED_OUT,
					"The " + report + " report took longer than " + timeoutMillis
							+ " ms and was cancelled; narrow the date range or ask for a longer report timeout",
					List.of(), cause);
		}

	}

	/** No such report. */
	public static final class UnknownReport extends ProblemException {

		public UnknownReport(String name) {
			super(Problems.NOT_FOUND, "There is no report named " + Problems.quote(name));
		}

	}

}

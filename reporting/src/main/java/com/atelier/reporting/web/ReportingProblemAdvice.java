package com.atelier.reporting.web;

import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.atelier.platform.problem.ProblemAdviceSupport;

/**
 * RFC 9457 problems for the reporting endpoints.
 */
@RestControllerAdvice(basePackageClasses = ReportingProblemAdvice.class)
class ReportingProblemAdvice extends ProblemAdviceSupport {

}

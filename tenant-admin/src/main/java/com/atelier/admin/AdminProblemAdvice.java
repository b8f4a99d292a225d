package com.atelier.admin;

import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.atelier.platform.problem.ProblemAdviceSupport;

/**
 * Every admin API error as RFC 9457 problem details with a stable type; never internals.
 */
@RestControllerAdvice(basePackageClasses = AdminProblemAdvice.class)
class AdminProblemAdvice extends ProblemAdviceSupport {

}

package com.atelier.infra.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.atelier.platform.problem.ProblemAdviceSupport;

/**
 * Problem details for what no API module's advice handles: unknown paths, unsupported
 * methods, the operator API.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class FallbackProblemAdvice extends ProblemAdviceSupport {

}

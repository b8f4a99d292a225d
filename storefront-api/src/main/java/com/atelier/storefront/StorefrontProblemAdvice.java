package com.atelier.storefront;

import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.atelier.platform.problem.ProblemAdviceSupport;

/**
 * Every storefront error as RFC 9457 problem details, with a stable type and never an
 * internal detail.
 */
@RestControllerAdvice(basePackageClasses = StorefrontProblemAdvice.class)
class StorefrontProblemAdvice extends ProblemAdviceSupport {

}

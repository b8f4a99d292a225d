package com.atelier.storefront;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.atelier.platform.problem.ProblemException;
import com.atelier.platform.problem.Problems;

/**
 * Every storefront error as RFC 9457 problem details, with a stable type and never an
 * internal detail.
 */
@RestControllerAdvice(basePackageClasses = StorefrontProblemAdvice.class)
class StorefrontProblemAdvice {

	private static final Logger log = LoggerFactory.getLogger(StorefrontProblemAdvice.class);

	@ExceptionHandler(ProblemException.class)
	ResponseEntity<ProblemDetail> problem(ProblemException ex) {
		return respond(Problems.of(ex));
	}

	@ExceptionHandler(RuntimeException.class)
	ResponseEntity<ProblemDetail> unexpected(RuntimeException ex) {
		log.error("Storefront request failed", ex);
		return respond(Problems.of(Problems.INTERNAL, "The request could not be completed."));
	}

	private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}

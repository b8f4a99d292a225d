package com.atelier.infra.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.atelier.platform.problem.ProblemException;
import com.atelier.platform.problem.Problems;

/**
 * Problem details for what no API module's advice handles: unknown paths, unsupported
 * methods, unreadable bodies. Spring's own problem bodies get Atelier's stable types.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class FallbackProblemAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(FallbackProblemAdvice.class);

	@ExceptionHandler(ProblemException.class)
	ResponseEntity<ProblemDetail> problem(ProblemException ex) {
		ProblemDetail problem = Problems.of(ex);
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	@ExceptionHandler(RuntimeException.class)
	ResponseEntity<ProblemDetail> unexpected(RuntimeException ex) {
		log.error("Request failed", ex);
		ProblemDetail problem = Problems.of(Problems.INTERNAL, "The request could not be completed.");
		return ResponseEntity.status(500).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem) {
			var type = ProblemErrorController.typeFor(org.springframework.http.HttpStatus.valueOf(statusCode.value()));
			problem.setType(type.uri());
			problem.setTitle(type.title());
			if (statusCode.value() == 404) {
				problem.setDetail("No resource at this address.");
			}
			else if (ex instanceof ErrorResponse && statusCode.is5xxServerError()) {
				problem.setDetail("The request could not be completed.");
			}
		}
		return response;
	}

}

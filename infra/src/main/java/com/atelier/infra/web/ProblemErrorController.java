package com.atelier.infra.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.atelier.platform.problem.ProblemType;
import com.atelier.platform.problem.Problems;

/**
 * Replaces Boot's {@code BasicErrorController}, which answers errors raised outside
 * controllers (a filter's {@code sendError}, the container) with its legacy body even
 * when problem details are on (PITFALLS 18). Here they are problem details too.
 */
@RestController
class ProblemErrorController implements ErrorController {

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer value) ? HttpStatus.resolve(value) : null;
		if (status == null || !status.isError()) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		ProblemDetail problem = Problems.of(typeFor(status), detailFor(status));
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (uri instanceof String path) {
			problem.setInstance(java.net.URI.create(path));
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	static ProblemType typeFor(HttpStatus status) {
		return switch (status) {
			case NOT_FOUND -> Problems.NOT_FOUND;
			case METHOD_NOT_ALLOWED -> Problems.METHOD_NOT_ALLOWED;
			case BAD_REQUEST -> Problems.INVALID_REQUEST;
			case UNAUTHORIZED -> Problems.UNAUTHORIZED;
			case FORBIDDEN -> Problems.FORBIDDEN;
			default -> status.is4xxClientError()
					? new ProblemType("http-" + status.value(), status.getReasonPhrase(), status.value())
					: Problems.INTERNAL;
		};
	}

	private static String detailFor(HttpStatus status) {
		return switch (status) {
			case NOT_FOUND -> "No resource at this address.";
			case UNAUTHORIZED -> "Authentication is required.";
			case FORBIDDEN -> "Access to this resource is not allowed.";
			default ->
				status.is4xxClientError() ? status.getReasonPhrase() + "." : "The request could not be completed.";
		};
	}

}

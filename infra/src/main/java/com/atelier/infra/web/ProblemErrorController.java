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

import com.atelier.platform.problem.ClientFaults;
import com.atelier.platform.problem.ProblemType;
import com.atelier.platform.problem.Problems;

/**
 * Replaces Boot's {@code BasicErrorController}, which answers errors raised outside
 * controllers (a filter's {@code sendError}, the container) with its legacy body even
 * when problem details are on (PITFALLS 18). Here they are problem details too; an
 * exception that is the request's fault (a character the database refused, a body over
 * its limit) keeps its 4xx.
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
		ProblemDetail problem = null;
		if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
			problem = ClientFaults.find(failure);
		}
		if (problem == null) {
			problem = Problems.of(typeFor(status), detailFor(status));
			problem.setStatus(status.value());
		}
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (uri instanceof String path) {
			problem.setInstance(Problems.instance(path));
		}
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	static ProblemType typeFor(HttpStatus status) {
		return Problems.forStatus(status.value());
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

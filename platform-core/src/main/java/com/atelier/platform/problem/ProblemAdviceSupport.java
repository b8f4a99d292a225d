package com.atelier.platform.problem;

import java.sql.SQLException;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.atelier.platform.outage.DatabaseOutages;
import com.atelier.platform.outage.OutageProblems;

/**
 * The one mapping from exceptions to RFC 9457 problems that every API module's
 * {@code @RestControllerAdvice} extends: a {@link ProblemException} keeps its type;
 * Spring MVC's own errors (unreadable body, unknown path, wrong method) get Atelier's
 * stable types; anything else is a logged 500 that says nothing about the cause.
 */
public abstract class ProblemAdviceSupport extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemAdviceSupport.class);

	@ExceptionHandler(ProblemException.class)
	ResponseEntity<ProblemDetail> problem(ProblemException ex) {
		ResponseEntity<ProblemDetail> response = respond(Problems.of(ex));
		if (ex.headers().isEmpty()) {
			return response;
		}
		HttpHeaders headers = new HttpHeaders();
		headers.addAll(response.getHeaders());
		ex.headers().forEach(headers::set);
		return new ResponseEntity<>(response.getBody(), headers, response.getStatusCode());
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException ex) {
		return respond(Problems.of(Problems.INVALID_REQUEST, Problems.quote(ex.getName()) + " has an invalid value.",
				List.of(new FieldProblem(ex.getName(), "has an invalid value"))));
	}

	/**
	 * An unreadable body: too large (413), or a JSON value of the wrong type, a null in a
	 * list, a fraction for a whole number, a control character (400 naming the field,
	 * never quoting the value).
	 */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return untyped(respond(ClientFaults.unreadableBody(ex)));
	}

	/**
	 * A unique key taken between our check and our insert (two requests racing for the
	 * same handle, SKU or default market): the loser gets 409, not 500.
	 */
	@ExceptionHandler(DuplicateKeyException.class)
	ResponseEntity<ProblemDetail> raced(DuplicateKeyException ex) {
		log.info("Unique key conflict: {}", ex.getMostSpecificCause().getMessage());
		return respond(Problems.of(Problems.CONFLICT,
				"A concurrent change took a name or key this request needed; read the current state and retry."));
	}

	/** A value PostgreSQL cannot store (numeric out of range): the request's fault. */
	@ExceptionHandler(DataIntegrityViolationException.class)
	ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException ex) {
		if (ex.getMostSpecificCause() instanceof SQLException sql && "22003".equals(sql.getSQLState())) {
			return respond(Problems.of(Problems.INVALID_REQUEST, "A number in the request is out of range."));
		}
		return unexpected(ex);
	}

	@ExceptionHandler(RuntimeException.class)
	ResponseEntity<ProblemDetail> unexpected(RuntimeException ex) {
		if (DatabaseOutages.isOutage(ex)) {
			// The database is unavailable: 503 with Retry-After, no stack trace (ADR 31).
			return OutageProblems.response(ex);
		}
		ProblemDetail fault = ClientFaults.find(ex);
		if (fault != null) {
			return respond(fault);
		}
		log.error("Request failed", ex);
		return respond(Problems.of(Problems.INTERNAL, "The request could not be completed."));
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ProblemDetail fault = ClientFaults.find(ex);
		if (fault != null) {
			return untyped(respond(fault));
		}
		ProblemType type = Problems.forStatus(statusCode.value());
		String detail = switch (statusCode.value()) {
			case 400 -> "The request body or parameters are not valid.";
			case 404 -> "No resource at this address.";
			case 405 -> "This resource does not support the method.";
			default ->
				statusCode.is4xxClientError() ? "The request cannot be served." : "The request could not be completed.";
		};
		if (statusCode.is5xxServerError()) {
			log.error("Request failed", ex);
		}
		ProblemDetail problem = Problems.of(type, detail);
		// internal-error serves every 5xx: the body says the status actually sent.
		problem.setStatus(statusCode.value());
		return ResponseEntity.status(statusCode)
			.headers(headers)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(withInstance(problem));
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static ResponseEntity<Object> untyped(ResponseEntity<ProblemDetail> response) {
		return (ResponseEntity) response;
	}

	private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
		return Problems.response(withInstance(problem));
	}

	/**
	 * Sets the instance here, bounded, rather than leave it to Spring MVC, which copies
	 * the whole request path (a client chooses its length).
	 */
	private static ProblemDetail withInstance(ProblemDetail problem) {
		if (problem.getInstance() == null
				&& RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			problem.setInstance(Problems.instance(attributes.getRequest().getRequestURI()));
		}
		return problem;
	}

}

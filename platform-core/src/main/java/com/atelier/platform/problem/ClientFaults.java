package com.atelier.platform.problem;

import java.math.BigInteger;
import java.sql.SQLException;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;

/**
 * Failures that are the request's fault although they surface as exceptions from deep
 * inside (a body stream over its limit, a character PostgreSQL refuses, an unreadable
 * JSON body): each becomes a 4xx problem that quotes nothing the client sent, and none is
 * logged with a stack trace.
 */
public final class ClientFaults {

	private static final Logger log = LoggerFactory.getLogger(ClientFaults.class);

	/**
	 * SQLSTATEs of values PostgreSQL cannot store: 22021 (a byte sequence invalid in the
	 * encoding, U+0000 above all), 22P05 (an untranslatable character, U+0000 in jsonb).
	 */
	private static final Set<String> UNSTORABLE = Set.of("22021", "22P05");

	private static final int MAX_CAUSES = 20;

	private ClientFaults() {
	}

	/**
	 * The problem for an exception caused by the request, or {@code null} when it is not
	 * one (then it is our fault: a 500).
	 * @param ex the exception
	 * @return the problem, or {@code null}
	 */
	public static @Nullable ProblemDetail find(Throwable ex) {
		Map<Throwable, Boolean> seen = new IdentityHashMap<>();
		for (Throwable t = ex; t != null && seen.size() < MAX_CAUSES && seen.put(t, true) == null; t = t.getCause()) {
			if (t instanceof ProblemException problem) {
				return Problems.of(problem);
			}
			if (t instanceof SQLException sql && sql.getSQLState() != null && UNSTORABLE.contains(sql.getSQLState())) {
				log.info("Refused a request holding a value the database cannot store (SQLSTATE {})",
						sql.getSQLState());
				return Problems.of(Problems.INVALID_REQUEST,
						"The request holds a character that cannot be stored (such as U+0000); nothing was changed.");
			}
			if (t instanceof RequestRejectedException) {
				log.debug("Request rejected by the firewall: {}", t.getMessage());
				return Problems.of(Problems.INVALID_REQUEST,
						"The request has a header, path or parameter that is not allowed.");
			}
		}
		return null;
	}

	/**
	 * The problem for a body that could not be read: the limit's 413, or a 400 that names
	 * the field at fault (its JSON path) and says what it must be.
	 * @param ex what the message converter raised
	 * @return the problem
	 */
	public static ProblemDetail unreadableBody(HttpMessageNotReadableException ex) {
		ProblemDetail fault = find(ex);
		if (fault != null) {
			return fault;
		}
		DatabindException databind = cause(ex, DatabindException.class);
		if (databind != null) {
			String field = path(databind);
			FieldProblem problem = new FieldProblem(field.isEmpty() ? "body" : field, expectation(databind));
			return Problems.of(Problems.INVALID_REQUEST,
					(field.isEmpty() ? "The request body " : field + " ") + problem.message() + ".", List.of(problem));
		}
		StreamReadException syntax = cause(ex, StreamReadException.class);
		if (syntax != null && syntax.getLocation() != null) {
			return Problems.of(Problems.INVALID_REQUEST, "The request body is not valid JSON (line "
					+ syntax.getLocation().getLineNr() + ", column " + syntax.getLocation().getColumnNr() + ").");
		}
		return Problems.of(Problems.INVALID_REQUEST, "The request body is missing or is not valid JSON.");
	}

	/** {@code lines[0].quantity}; member names cut short, since clients choose them. */
	static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(Problems.prefix(reference.getPropertyName(), Problems.MAX_QUOTED));
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
			if (path.length() > Problems.MAX_FIELD_TEXT) {
				break;
			}
		}
		return path.toString();
	}

	private static String expectation(DatabindException ex) {
		if (ex instanceof ControlCharacterInJson) {
			return ControlCharacters.MESSAGE;
		}
		if (ex instanceof InvalidNullException) {
			return "must not be null";
		}
		if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
			Class<?> type = mismatch.getTargetType();
			if (isWhole(type)) {
				return (mismatch.getCurrentToken() == JsonToken.VALUE_NUMBER_INT) ? "is out of range"
						: "must be a whole number";
			}
			if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
				return "must be a number";
			}
			if (type == Boolean.class || type == boolean.class) {
				return "must be true or false";
			}
			if (type == String.class || type == char.class || type == Character.class) {
				return "must be a string";
			}
			if (type == UUID.class) {
				return "must be a UUID";
			}
			if (type.isEnum()) {
				return "must be one of " + enumValues(type);
			}
			if (Temporal.class.isAssignableFrom(type)) {
				return "must be an ISO-8601 date or time";
			}
			if (Collection.class.isAssignableFrom(type) || type.isArray()) {
				return "must be a list";
			}
			return "must be an object of the documented shape";
		}
		return "has an invalid value";
	}

	private static boolean isWhole(Class<?> type) {
		return type == int.class || type == Integer.class || type == long.class || type == Long.class
				|| type == short.class || type == Short.class || type == byte.class || type == Byte.class
				|| type == BigInteger.class;
	}

	private static String enumValues(Class<?> type) {
		Object[] constants = type.getEnumConstants();
		StringBuilder values = new StringBuilder();
		for (int i = 0; i < constants.length && i < 12; i++) {
			values.append((i > 0) ? ", " : "").append(constants[i]);
		}
		return values.toString();
	}

	private static <T extends Throwable> @Nullable T cause(Throwable ex, Class<T> type) {
		Map<Throwable, Boolean> seen = new IdentityHashMap<>();
		for (Throwable t = ex; t != null && seen.size() < MAX_CAUSES && seen.put(t, true) == null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		return null;
	}

}

package com.atelier.infra.web;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import com.atelier.platform.problem.ProblemType;
import com.atelier.platform.problem.Problems;

/**
 * Tomcat's error report as a problem: what Tomcat refuses before the application runs (a
 * request line or header it cannot parse, a bad {@code Host}, an encoded slash, headers
 * over the size limit) is answered {@code application/problem+json}, never an HTML page
 * (ADR 27). Installed as the host's error report valve by {@link EdgeWebConfiguration};
 * Tomcat creates it by its class name, hence public.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, @Nullable Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(true);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		if (status == HttpServletResponse.SC_NOT_IMPLEMENTED) {
			// A method Tomcat does not implement (CONNECT): for a client, a method this
			// server does not allow, never a 5xx.
			status = HttpServletResponse.SC_METHOD_NOT_ALLOWED;
			response.setStatus(status);
			response.setHeader(HttpHeaders.ALLOW, "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
		}
		if (status == HttpServletResponse.SC_HTTP_VERSION_NOT_SUPPORTED) {
			// An HTTP version other than 1.x in the request line: a request this server
			// cannot parse, the client's to fix, never a 5xx.
			status = HttpServletResponse.SC_BAD_REQUEST;
			response.setStatus(status);
		}
		String body = json(status, request);
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response is committed: nothing more to say.
		}
	}

	static String json(int status, Request request) {
		ProblemType type = Problems.forStatus(status);
		StringBuilder json = new StringBuilder(256).append('{');
		json.append("\"detail\":").append(quoted(detail(status)));
		URI instance = instance(request);
		if (instance != null) {
			json.append(",\"instance\":").append(quoted(instance.toString()));
		}
		json.append(",\"status\":").append(status);
		json.append(",\"title\":").append(quoted(type.title()));
		json.append(",\"type\":").append(quoted(type.uri().toString()));
		return json.append('}').toString();
	}

	private static @Nullable URI instance(Request request) {
		try {
			return Problems.instance(request.getRequestURI());
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static String detail(int status) {
		return switch (status) {
			case 400 -> "The request is not valid HTTP/1.1: its request line, a header (Host among them) or its"
					+ " path encoding was refused.";
			case 404 -> "No resource at this address.";
			case 408 -> "The request took too long to arrive.";
			case 413 -> "The request body is too large.";
			case 414 -> "The request line is too long.";
			case 431 -> "The request headers are too large.";
			case 405 -> "This resource does not support the method.";
			default -> (status < 500) ? "The request was refused." : "The request could not be completed.";
		};
	}

	private static String quoted(String text) {
		StringBuilder out = new StringBuilder(text.length() + 2).append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.append('"').toString();
	}

}

package com.atelier.infra.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import com.atelier.platform.problem.ClientFaults;
import com.atelier.platform.problem.PayloadTooLarge;
import com.atelier.platform.problem.ProblemResponses;
import com.atelier.platform.problem.Problems;

/**
 * The first filter of every request: refuses a body larger than its route accepts (413
 * {@code payload-too-large}), by its {@code Content-Length} before a byte of it is read,
 * else (chunked, or a length that lies) by counting the bytes as they are read, so no
 * code downstream ever holds more than the limit. Also the edge's safety net: an
 * exception that reaches it and is the request's fault (a body over the limit found deep
 * inside, a character the database refused) is answered as its problem when nothing was
 * sent yet.
 */
final class BodyLimitFilter extends OncePerRequestFilter {

	private final BodyLimits limits;

	private final ProblemResponses problems;

	BodyLimitFilter(BodyLimits limits, ProblemResponses problems) {
		this.limits = limits;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long limit = this.limits.limitFor(request);
		if (request.getContentLengthLong() > limit) {
			refuse(request, response, Problems.of(new PayloadTooLarge(limit)));
			return;
		}
		try {
			chain.doFilter(new LimitedBody(request, limit), response);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			ProblemDetail fault = ClientFaults.find(ex);
			if (fault == null || response.isCommitted()) {
				throw ex;
			}
			response.reset();
			refuse(request, response, fault);
		}
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
			throws IOException {
		if (problem.getStatus() == 413) {
			// The rest of the body is not read: the connection cannot be used again.
			response.setHeader(HttpHeaders.CONNECTION, "close");
		}
		this.problems.write(request, response, problem);
	}

	/** The request whose body stream stops at the limit. */
	private static final class LimitedBody extends HttpServletRequestWrapper {

		private final long limit;

		private @Nullable ServletInputStream stream;

		LimitedBody(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new CountingStream(super.getInputStream(), this.limit);
			}
			return this.stream;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			String encoding = getCharacterEncoding();
			Charset charset = StandardCharsets.UTF_8;
			if (encoding != null) {
				try {
					charset = Charset.forName(encoding);
				}
				catch (IllegalArgumentException ex) {
					throw new java.io.UnsupportedEncodingException(encoding);
				}
			}
			return new BufferedReader(new InputStreamReader(getInputStream(), charset));
		}

	}

	/** Counts the bytes read and fails past the limit. */
	private static final class CountingStream extends ServletInputStream {

		private final ServletInputStream body;

		private final long limit;

		private long count;

		CountingStream(ServletInputStream body, long limit) {
			this.body = body;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = this.body.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.body.read(buffer, offset, (int) Math.min(length, this.limit - this.count + 1));
			if (n > 0) {
				count(n);
			}
			return n;
		}

		@Override
		public int readLine(byte[] buffer, int offset, int length) throws IOException {
			int n = this.body.readLine(buffer, offset, (int) Math.min(length, this.limit - this.count + 1));
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) {
			this.count += n;
			if (this.count > this.limit) {
				throw new PayloadTooLarge(this.limit);
			}
		}

		@Override
		public boolean isFinished() {
			return this.body.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.body.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.body.setReadListener(listener);
		}

	}

}

package com.atelier.infra.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import com.atelier.infra.identity.Browser;

/**
 * HTTP/1.1 over a plain socket, for requests no HTTP client sends (bad request lines,
 * broken encodings, lying lengths, bodies that keep coming): one request per connection
 * ({@code Connection: close}), the response read until its framing says it is complete.
 */
final class RawHttp {

	private static final int TIMEOUT_MILLIS = 15_000;

	private RawHttp() {
	}

	/**
	 * Sends the bytes as they are and reads the answer.
	 * @param port the server's port
	 * @param request request line, headers, blank line and body, exactly as sent
	 * @return the response
	 */
	static Response send(int port, byte[] request) {
		try (Socket socket = connect(port)) {
			OutputStream out = socket.getOutputStream();
			try {
				out.write(request);
				out.flush();
			}
			catch (IOException ex) {
				// The server may refuse before the whole request is written.
			}
			return read(socket.getInputStream());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Response send(int port, String request) {
		return send(port, request.getBytes(StandardCharsets.ISO_8859_1));
	}

	/**
	 * Sends the head, then {@code bodyBytes} bytes of {@code filler} from another thread
	 * (plain, or in chunks of 64 KiB) while the answer is read: a client that keeps
	 * sending whatever the server says.
	 */
	static Response stream(int port, String head, long bodyBytes, byte filler, boolean chunked) {
		try (Socket socket = connect(port)) {
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			Thread writer = new Thread(() -> {
				byte[] block = new byte[64 * 1024];
				java.util.Arrays.fill(block, filler);
				try {
					long left = bodyBytes;
					while (left > 0) {
						int n = (int) Math.min(block.length, left);
						if (chunked) {
							out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
						}
						out.write(block, 0, n);
						if (chunked) {
							out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
						}
						left -= n;
					}
					if (chunked) {
						out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
					}
					out.flush();
				}
				catch (IOException ex) {
					// Refused: the server stopped reading and closed.
				}
			}, "raw-http-writer");
			writer.setDaemon(true);
			writer.start();
			return read(socket.getInputStream());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Socket connect(int port) throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
		socket.setSoTimeout(TIMEOUT_MILLIS);
		return socket;
	}

	/** Reads one response: status line, headers, and the body its framing announces. */
	static Response read(InputStream in) throws IOException {
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		int headEnd = -1;
		Response response = null;
		while (true) {
			int n;
			try {
				n = in.read(buffer);
			}
			catch (IOException ex) {
				// A reset after the response (the server closed on an unread body).
				n = -1;
			}
			if (n < 0) {
				break;
			}
			received.write(buffer, 0, n);
			byte[] bytes = received.toByteArray();
			if (headEnd < 0) {
				headEnd = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
			}
			if (headEnd >= 0) {
				response = parse(bytes, headEnd, false);
				if (response != null) {
					return response;
				}
			}
		}
		byte[] bytes = received.toByteArray();
		if (headEnd < 0) {
			throw new IOException("No response head in " + bytes.length + " bytes");
		}
		return parse(bytes, headEnd, true);
	}

	private static Response parse(byte[] bytes, int headEnd, boolean eof) throws IOException {
		String head = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1);
		String[] lines = head.split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers
				.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
						(k) -> new ArrayList<>())
				.add(lines[i].substring(colon + 1).strip());
		}
		int bodyStart = headEnd + 4;
		byte[] rest = java.util.Arrays.copyOfRange(bytes, bodyStart, bytes.length);
		String length = first(headers, "content-length");
		if (length != null) {
			int expected = Integer.parseInt(length);
			if (rest.length >= expected) {
				return new Response(status, headers, java.util.Arrays.copyOf(rest, expected));
			}
			return eof ? new Response(status, headers, rest) : null;
		}
		if ("chunked".equalsIgnoreCase(first(headers, "transfer-encoding"))) {
			byte[] body = dechunk(rest);
			if (body != null) {
				return new Response(status, headers, body);
			}
			if (eof) {
				throw new IOException("Truncated chunked body");
			}
			return null;
		}
		if (status == 204 || status == 304 || status < 200) {
			return new Response(status, headers, new byte[0]);
		}
		return eof ? new Response(status, headers, rest) : null;
	}

	/** The body of a complete chunked message, or {@code null} while incomplete. */
	private static byte[] dechunk(byte[] data) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		int at = 0;
		while (true) {
			int lineEnd = indexOf(data, at, "\r\n".getBytes(StandardCharsets.ISO_8859_1));
			if (lineEnd < 0) {
				return null;
			}
			String sizeLine = new String(data, at, lineEnd - at, StandardCharsets.ISO_8859_1);
			int semicolon = sizeLine.indexOf(';');
			int size = Integer.parseInt((semicolon >= 0) ? sizeLine.substring(0, semicolon) : sizeLine.strip(), 16);
			at = lineEnd + 2;
			if (size == 0) {
				return body.toByteArray();
			}
			if (data.length < at + size + 2) {
				return null;
			}
			body.write(data, at, size);
			at += size + 2;
		}
	}

	private static String first(Map<String, List<String>> headers, String name) {
		List<String> values = headers.get(name);
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

	private static int indexOf(byte[] data, byte[] pattern) {
		return indexOf(data, 0, pattern);
	}

	private static int indexOf(byte[] data, int from, byte[] pattern) {
		outer: for (int i = from; i <= data.length - pattern.length; i++) {
			for (int j = 0; j < pattern.length; j++) {
				if (data[i + j] != pattern[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	/**
	 * @param status the status code
	 * @param headers header values by lower-case name
	 * @param body the body, de-chunked
	 */
	record Response(int status, Map<String, List<String>> headers, byte[] body) {

		String header(String name) {
			return first(this.headers, name.toLowerCase(Locale.ROOT));
		}

		String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		JsonNode json() {
			return Browser.JSON.readTree(this.body);
		}

		boolean isProblem() {
			String type = header("content-type");
			return type != null && type.startsWith("application/problem+json");
		}

		@Override
		public String toString() {
			String text = text();
			return this.status + " " + header("content-type") + " "
					+ ((text.length() > 300) ? text.substring(0, 300) + "..." : text);
		}

	}

}

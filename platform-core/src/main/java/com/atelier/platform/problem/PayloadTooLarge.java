package com.atelier.platform.problem;

/**
 * A request body larger than its route accepts (413). Thrown at the edge, before the body
 * is read when its {@code Content-Length} says so, else by the stream that counts its
 * bytes as they are read; nothing has been done with the request.
 */
public class PayloadTooLarge extends ProblemException {

	private final long limit;

	public PayloadTooLarge(long limit) {
		super(Problems.PAYLOAD_TOO_LARGE,
				"This address accepts request bodies of at most " + describe(limit) + "; nothing was done.");
		this.limit = limit;
	}

	/** The most bytes the route accepts. */
	public long limit() {
		return this.limit;
	}

	/**
	 * A byte count as people read it: {@code 64 KiB (65536 bytes)}.
	 * @param bytes the count
	 * @return its description
	 */
	public static String describe(long bytes) {
		if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
			return (bytes / (1024 * 1024)) + " MiB (" + bytes + " bytes)";
		}
		if (bytes >= 1024 && bytes % 1024 == 0) {
			return (bytes / 1024) + " KiB (" + bytes + " bytes)";
		}
		return bytes + " bytes";
	}

}

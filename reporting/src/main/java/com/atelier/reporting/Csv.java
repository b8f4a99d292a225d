package com.atelier.reporting;

/**
 * CSV as RFC 4180 has it: comma-separated, CRLF line ends, a field with a comma, a quote
 * or a line break quoted and its quotes doubled. A text cell that a spreadsheet would run
 * as a formula (starting with {@code =}, {@code +}, {@code -}, {@code @}, tab or carriage
 * return) gets a leading apostrophe (OWASP's advice on CSV injection); numbers are
 * written as they are.
 */
public final class Csv {

	/** The line end. */
	public static final String EOL = "\r\n";

	private Csv() {
	}

	/**
	 * @param value a cell
	 * @param text whether it is free text (guarded against formulas)
	 * @return the cell as it goes into the file
	 */
	public static String field(String value, boolean text) {
		String cell = value;
		if (text && !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
			cell = "'" + cell;
		}
		boolean quote = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
				|| cell.indexOf('\r') >= 0;
		return quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
	}

}

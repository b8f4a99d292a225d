package com.atelier.platform.problem;

/**
 * The one rule for control characters in text input (ARCHITECTURE.md, security rules):
 * Unicode control characters (U+0000 to U+001F, U+007F to U+009F) are refused in every
 * text a client sends, except tab, line feed and carriage return, which free text may
 * hold. PostgreSQL cannot store U+0000 at all.
 */
public final class ControlCharacters {

	/** What a field problem says about such a value. */
	public static final String MESSAGE = "must not contain control characters (U+0000 to U+001F, U+007F to U+009F)"
			+ " other than tab, line feed and carriage return";

	private ControlCharacters() {
	}

	/**
	 * Whether the text holds a control character that no input may hold.
	 * @param text the text
	 * @return {@code true} for any control character but tab, line feed and carriage
	 * return
	 */
	public static boolean refused(CharSequence text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (isControl(c) && c != '\t' && c != '\n' && c != '\r') {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether the text holds any control character, tab and line breaks included (for
	 * single-line values such as paths and header values).
	 * @param text the text
	 * @return {@code true} for any control character
	 */
	public static boolean any(CharSequence text) {
		for (int i = 0; i < text.length(); i++) {
			if (isControl(text.charAt(i))) {
				return true;
			}
		}
		return false;
	}

	private static boolean isControl(char c) {
		return c < 0x20 || (c >= 0x7f && c <= 0x9f);
	}

}

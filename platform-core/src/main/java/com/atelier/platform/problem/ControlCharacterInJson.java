package com.atelier.platform.problem;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON string (value or member name) holding a control character that
 * {@link ControlCharacters} refuses. Raised while the body is read, so the problem names
 * the field (its JSON path) and never quotes the value.
 */
public class ControlCharacterInJson extends MismatchedInputException {

	public ControlCharacterInJson(JsonParser parser) {
		super(parser, ControlCharacters.MESSAGE, parser.currentLocation());
	}

}

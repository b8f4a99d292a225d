package com.atelier.infra.cli;

/**
 * A command's input is invalid (exit code 2).
 */
class CliInputException extends RuntimeException {

	CliInputException(String message) {
		super(message);
	}

}

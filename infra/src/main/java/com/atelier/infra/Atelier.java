package com.atelier.infra;

import com.atelier.infra.cli.AtelierCli;

/**
 * {@code java -jar atelier.jar ...} ({@code bin/atelier ...}): serves the platform or
 * runs an operator command.
 */
public final class Atelier {

	private Atelier() {
	}

	public static void main(String[] args) {
		System.setProperty("org.jooq.no-logo", "true");
		System.setProperty("org.jooq.no-tips", "true");
		AtelierCli cli = AtelierCli.standard();
		int code = cli.execute(args);
		if (!cli.serving() || code != AtelierCli.OK) {
			System.exit(code);
		}
	}

}

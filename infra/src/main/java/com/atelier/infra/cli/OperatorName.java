package com.atelier.infra.cli;

import org.jspecify.annotations.Nullable;

/**
 * Who runs an operator command, as tombstones and audit logs record it: {@code --actor},
 * else {@code $ATELIER_OPERATOR}, else the OS user.
 */
final class OperatorName {

	private OperatorName() {
	}

	static String of(@Nullable String option) {
		if (option != null && !option.isBlank()) {
			return option.strip();
		}
		String operator = System.getenv("ATELIER_OPERATOR");
		return (operator != null && !operator.isBlank()) ? operator.strip()
				: System.getProperty("user.name", "unknown");
	}

}

package com.atelier.platform.problem;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.UncategorizedSQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request's faults found inside exceptions (issue 12, defect 9): a character
 * PostgreSQL refuses is a 400 whatever wraps it, a body over its limit keeps its 413,
 * anything else stays ours.
 */
class ClientFaultsTest {

	@Test
	void characters_postgresql_cannot_store_are_the_request_s_fault() {
		for (String state : new String[] { "22021", "22P05" }) {
			ProblemDetail problem = ClientFaults.find(new DataIntegrityViolationException("jOOQ",
					new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", state)));
			assertThat(problem).isNotNull();
			assertThat(problem.getStatus()).isEqualTo(400);
			assertThat(problem.getType()).hasToString("urn:atelier:problem:invalid-request");
			assertThat(problem.getDetail()).doesNotContain("0x00").doesNotContain("UTF8");
		}
	}

	@Test
	void a_body_over_its_limit_found_deep_inside_is_413() {
		ProblemDetail problem = ClientFaults
			.find(new IllegalStateException("wrapped", new RuntimeException(new PayloadTooLarge(65536))));
		assertThat(problem.getStatus()).isEqualTo(413);
		assertThat(problem.getDetail()).contains("64 KiB (65536 bytes)");
	}

	@Test
	void other_failures_stay_ours() {
		assertThat(ClientFaults.find(new UncategorizedSQLException("x", "select 1", new SQLException("no", "08006"))))
			.isNull();
		assertThat(ClientFaults.find(new NullPointerException())).isNull();
	}

}

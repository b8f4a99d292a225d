package com.atelier.platform.outage;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures mean "the database is unavailable" (a 503), however they are wrapped,
 * and which do not (a bug or bad input stays a 500 or a 4xx).
 */
class DatabaseOutagesTest {

	static final SQLException REFUSED = new PSQLException("Connection to 127.0.0.1:5432 refused",
			PSQLState.CONNECTION_UNABLE_TO_CONNECT, new ConnectException("Connection refused"));

	@Test
	void connection_failures_are_outages_however_wrapped() {
		SQLTransientConnectionException poolTimeout = new SQLTransientConnectionException(
				"atelier - Connection is not available, request timed out after 2000ms", null, REFUSED);
		assertThat(DatabaseOutages.isOutage(poolTimeout)).isTrue();
		assertThat(DatabaseOutages.isOutage(new CannotGetJdbcConnectionException("no connection", REFUSED))).isTrue();
		assertThat(DatabaseOutages.isOutage(new org.jooq.exception.DataAccessException("jOOQ", poolTimeout))).isTrue();
		assertThat(DatabaseOutages.isOutage(new CannotCreateTransactionException("Could not open JPA EntityManager",
				new JDBCConnectionException("Unable to acquire JDBC Connection", new SQLException("timed out")))))
			.isTrue();
		assertThat(DatabaseOutages.isOutage(new AuthenticationServiceException("keys",
				new RuntimeException(new DataAccessResourceFailureException("down", REFUSED)))))
			.isTrue();
		assertThat(DatabaseOutages.isOutage(new DataAccessResourceFailureException("pool closed"))).isTrue();
	}

	@Test
	void a_server_shutting_down_restarting_or_starting_up_is_an_outage() {
		for (String state : List.of("57P01", "57P02", "57P03", "53300", "08006", "08003", "08001")) {
			assertThat(DatabaseOutages.isOutage(new RuntimeException(new SQLException("server", state)))).as(state)
				.isTrue();
		}
	}

	@Test
	void other_failures_are_not() {
		assertThat(DatabaseOutages.isOutage(new IllegalStateException("bug"))).isFalse();
		assertThat(DatabaseOutages.isOutage(null)).isFalse();
		assertThat(DatabaseOutages
			.isOutage(new DataIntegrityViolationException("unique", new SQLException("duplicate key", "23505"))))
			.isFalse();
		assertThat(DatabaseOutages
			.isOutage(new DataAccessResourceFailureException("statement too complex", new SQLException("x", "54001"))))
			.as("Spring's resource failure for another SQLSTATE")
			.isFalse();
		assertThat(DatabaseOutages.isOutage(new SQLException("canceling statement due to statement timeout", "57014")))
			.isFalse();
	}

	@Test
	void a_cause_chain_that_loops_ends() {
		RuntimeException first = new RuntimeException("first");
		RuntimeException second = new RuntimeException("second", first);
		first.initCause(second);
		assertThat(DatabaseOutages.isOutage(first)).isFalse();
		assertThat(DatabaseOutages.summary(first)).isNotBlank();
	}

	@Test
	void the_summary_is_the_deepest_cause_in_one_line() {
		assertThat(DatabaseOutages.summary(new CannotGetJdbcConnectionException("no connection", REFUSED)))
			.isEqualTo("ConnectException: Connection refused");
	}

	@Test
	void a_worker_logs_an_outage_once_and_its_end_once() {
		Logger logger = (Logger) LoggerFactory.getLogger("outage-watch-test");
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.list = new ArrayList<>();
		appender.start();
		logger.addAppender(appender);
		OutageWatch watch = new OutageWatch(logger, "Job test");

		assertThat(watch.failed(new IllegalStateException("bug"))).isFalse();
		for (int tick = 0; tick < 50; tick++) {
			assertThat(watch.failed(new CannotGetJdbcConnectionException("no connection", REFUSED))).isTrue();
		}
		assertThat(watch.paused()).isTrue();
		watch.succeeded();
		watch.succeeded();

		assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
			.satisfiesExactly((paused) -> assertThat(paused).startsWith("Job test paused"),
					(resumed) -> assertThat(resumed).startsWith("Job test resumed"));
		assertThat(appender.list).allSatisfy((event) -> assertThat(event.getThrowableProxy()).isNull());
		assertThat(watch.paused()).isFalse();
	}

}

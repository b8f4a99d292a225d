package com.atelier.platform.outage.internal;

import java.sql.SQLException;

import org.jooq.ExecuteContext;

import org.springframework.boot.jooq.autoconfigure.ExceptionTranslatorExecuteListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.UncategorizedSQLException;

import com.atelier.platform.outage.DatabaseOutages;

/**
 * Boot's translation of jOOQ's SQL exceptions into Spring's, except that an outage is not
 * logged here: Boot's listener logs every chained exception with its stack trace, and
 * Hikari chains the last connection failure to each "connection is not available", so an
 * outage would log a stack trace per query. It is logged once where it is answered (ADR
 * 31).
 */
final class OutageAwareExceptionTranslator implements ExceptionTranslatorExecuteListener {

	private final SQLErrorCodeSQLExceptionTranslator postgres = new SQLErrorCodeSQLExceptionTranslator("PostgreSQL");

	@Override
	public void exception(ExecuteContext context) {
		SQLException failure = context.sqlException();
		if (failure == null || !DatabaseOutages.isOutage(failure)) {
			ExceptionTranslatorExecuteListener.DEFAULT.exception(context);
			return;
		}
		DataAccessException translated = this.postgres.translate("jOOQ", context.sql(), failure);
		context.exception(
				(translated != null) ? translated : new UncategorizedSQLException("jOOQ", context.sql(), failure));
	}

}

package com.atelier.reporting;

import java.time.OffsetDateTime;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.atelier.platform.catalog.CatalogProblems;
import com.atelier.platform.identity.Actor;
import com.atelier.platform.identity.AuditLog;
import com.atelier.platform.tenancy.TenantDsl;

import static com.atelier.platform.jooq.tenant_template.Tables.REPORT_SETTINGS;

/**
 * The current tenant's report settings: the statement timeout its reports run under
 * (default 30 s; at most {@code atelier.reports.max-statement-timeout-ms}, default 120 s,
 * so that one brand cannot hold the shared database for long).
 */
@Component
public class ReportSettings {

	private final TenantDsl tenants;

	private final AuditLog audit;

	private final TransactionTemplate tx;

	private final int maxTimeoutMs;

	ReportSettings(TenantDsl tenants, AuditLog audit, PlatformTransactionManager transactions,
			@Value("${atelier.reports.max-statement-timeout-ms:120000}") int maxTimeoutMs) {
		this.tenants = tenants;
		this.audit = audit;
		this.tx = new TransactionTemplate(transactions);
		// The table's check allows at most 300 s.
		this.maxTimeoutMs = Math.max(100, Math.min(maxTimeoutMs, 300_000));
	}

	/**
	 * @return the statement timeout in milliseconds
	 */
	public int statementTimeoutMs() {
		return this.tenants.dsl()
			.select(REPORT_SETTINGS.STATEMENT_TIMEOUT_MS)
			.from(REPORT_SETTINGS)
			.fetchOptional(REPORT_SETTINGS.STATEMENT_TIMEOUT_MS)
			.orElse(30_000);
	}

	/**
	 * @param timeoutMs the new statement timeout, 100 ms to the server's maximum
	 * @param actor who changes it (audited)
	 * @return the timeout now in force
	 */
	public int setStatementTimeoutMs(int timeoutMs, Actor actor) {
		if (timeoutMs < 100 || timeoutMs > this.maxTimeoutMs) {
			throw CatalogProblems.Invalid.of("statementTimeoutMs",
					"must be from 100 to " + this.maxTimeoutMs + " milliseconds");
		}
		return this.tx.execute((status) -> {
			int before = statementTimeoutMs();
			this.tenants.dsl()
				.update(REPORT_SETTINGS)
				.set(REPORT_SETTINGS.STATEMENT_TIMEOUT_MS, timeoutMs)
				.set(REPORT_SETTINGS.UPDATED_AT, OffsetDateTime.now())
				.execute();
			this.audit.record(actor, "report-settings.updated", "report-settings", null,
					java.util.Map.of("statementTimeoutMs", before), java.util.Map.of("statementTimeoutMs", timeoutMs));
			return timeoutMs;
		});
	}

}

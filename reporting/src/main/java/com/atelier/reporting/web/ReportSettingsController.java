package com.atelier.reporting.web;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.atelier.platform.catalog.CatalogProblems;
import com.atelier.platform.identity.TenantTokens;
import com.atelier.reporting.ReportSettings;

/**
 * {@code GET/PATCH /admin/api/v1/report-settings}: the statement timeout of the brand's
 * reports. Reading needs {@code reports:read}; changing needs {@code brand:write}.
 */
@RestController
class ReportSettingsController {

	private final ReportSettings settings;

	private final TenantTokens tokens;

	ReportSettingsController(ReportSettings settings, TenantTokens tokens) {
		this.settings = settings;
		this.tokens = tokens;
	}

	@GetMapping("/admin/api/v1/report-settings")
	Settings get() {
		return new Settings(this.settings.statementTimeoutMs());
	}

	@PatchMapping("/admin/api/v1/report-settings")
	Settings patch(@RequestBody Patch patch, Authentication authentication) {
		if (patch.statementTimeoutMs() == null) {
			throw CatalogProblems.Invalid.of("statementTimeoutMs", "is required");
		}
		return new Settings(
				this.settings.setStatementTimeoutMs(patch.statementTimeoutMs(), this.tokens.actor(authentication)));
	}

	/**
	 * @param statementTimeoutMs how long a report may run, in milliseconds
	 */
	record Settings(int statementTimeoutMs) {
	}

	/**
	 * @param statementTimeoutMs the new timeout, in milliseconds
	 */
	record Patch(@Nullable Integer statementTimeoutMs) {
	}

}

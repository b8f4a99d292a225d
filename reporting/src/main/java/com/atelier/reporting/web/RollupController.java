package com.atelier.reporting.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.atelier.platform.catalog.CatalogProblems;
import com.atelier.reporting.rollup.Rollup;

/**
 * {@code GET /platform/api/v1/reports/rollup?from=YYYY-MM-DD&to=YYYY-MM-DD}: the
 * operators' roll-up across tenants, as JSON or (for {@code Accept: text/csv} or
 * {@code format=csv}) CSV with a row per tenant and currency. Operator tokens only.
 */
@RestController
class RollupController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Rollup rollup;

	private final int parallelism;

	RollupController(Rollup rollup, @Value("${atelier.reports.rollup-parallelism:4}") int parallelism) {
		this.rollup = rollup;
		this.parallelism = parallelism;
	}

	@GetMapping("/platform/api/v1/reports/rollup")
	void rollup(@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String format,
			@RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept,
			HttpServletResponse response) throws IOException {
		boolean csv = ReportController.wantsCsv(format, accept);
		Rollup.Result result = this.rollup.run(date("from", from), date("to", to), this.parallelism, null,
				Rollup.Listener.NONE);
		if (csv) {
			response.setContentType("text/csv; charset=UTF-8; header=present");
			response.setHeader("Content-Disposition", "attachment; filename=\"rollup.csv\"");
			Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
			Rollup.writeCsv(result, out);
			out.flush();
			return;
		}
		response.setContentType("application/json");
		JSON.writeValue(response.getOutputStream(), RollupJsonView.of(result));
	}

	static LocalDate date(String name, @Nullable String value) {
		if (value == null || value.isBlank()) {
			throw CatalogProblems.Invalid.of(name, "is required, as YYYY-MM-DD");
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw CatalogProblems.Invalid.of(name, "must be a date as YYYY-MM-DD");
		}
	}

}

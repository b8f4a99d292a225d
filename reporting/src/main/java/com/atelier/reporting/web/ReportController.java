package com.atelier.reporting.web;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.atelier.platform.catalog.CatalogProblems;
import com.atelier.reporting.Report;
import com.atelier.reporting.ReportParameters;
import com.atelier.reporting.ReportRunner;
import com.atelier.reporting.RowSink;
import com.atelier.reporting.reports.Reports;

/**
 * Reports for brand staff: {@code GET /admin/api/v1/reports} lists them; {@code GET
 * /admin/api/v1/reports/{name}?...} runs one for the request's tenant and answers JSON,
 * or CSV streamed row by row for {@code Accept: text/csv} (or {@code format=csv}). Needs
 * {@code reports:read} (ANALYST and above).
 */
@RestController
class ReportController {

	private final Reports reports;

	private final ReportRunner runner;

	ReportController(Reports reports, ReportRunner runner) {
		this.reports = reports;
		this.runner = runner;
	}

	@GetMapping("/admin/api/v1/reports")
	Map<String, List<Reports.Description>> index() {
		return Map.of("reports", Reports.ALL);
	}

	@GetMapping("/admin/api/v1/reports/{name}")
	void run(@PathVariable String name, @RequestParam Map<String, String> parameters,
			@RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept,
			HttpServletResponse response) throws IOException {
		boolean csv = wantsCsv(parameters.get("format"), accept);
		Report report = this.reports.build(name, new ReportParameters(parameters));
		this.runner.run(report, sink(csv, report.name(), response));
	}

	private RowSink sink(boolean csv, String name, HttpServletResponse response) {
		if (csv) {
			response.setHeader("Atelier-Row-Cap", Integer.toString(this.runner.maxRows()));
			return new CsvSink(response, name);
		}
		return new JsonSink(response, name, this.runner.maxRows());
	}

	/**
	 * @param format the {@code format} parameter, if any: json or csv
	 * @param accept the Accept header
	 * @return whether to answer CSV
	 */
	static boolean wantsCsv(@Nullable String format, @Nullable String accept) {
		if (format != null) {
			return switch (format.toLowerCase(Locale.ROOT)) {
				case "csv" -> true;
				case "json" -> false;
				default -> throw CatalogProblems.Invalid.of("format", "must be json or csv");
			};
		}
		return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
	}

}

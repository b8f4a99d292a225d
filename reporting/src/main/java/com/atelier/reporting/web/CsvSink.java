package com.atelier.reporting.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import com.atelier.reporting.Column;
import com.atelier.reporting.Csv;
import com.atelier.reporting.RowSink;

/**
 * Writes rows as CSV (RFC 4180: comma-separated, CRLF line ends, fields with a comma, a
 * quote or a line break quoted and their quotes doubled), UTF-8, with a header row. A
 * text cell that a spreadsheet would run as a formula (starting with {@code =},
 * {@code +}, {@code -}, {@code @}, tab or carriage return) gets a leading apostrophe
 * (OWASP's advice on CSV injection); numbers are written as they are.
 */
public final class CsvSink implements RowSink {

	private final HttpServletResponse response;

	private final String filename;

	private @Nullable Writer writer;

	private List<Column> columns = List.of();

	public CsvSink(HttpServletResponse response, String filename) {
		this.response = response;
		this.filename = filename;
	}

	@Override
	public void start(List<Column> columns) throws IOException {
		this.columns = columns;
		this.response.setStatus(200);
		this.response.setContentType("text/csv; charset=UTF-8; header=present");
		this.response.setHeader("Content-Disposition", "attachment; filename=\"" + this.filename + ".csv\"");
		this.writer = new OutputStreamWriter(this.response.getOutputStream(), StandardCharsets.UTF_8);
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < columns.size(); i++) {
			if (i > 0) {
				line.append(',');
			}
			line.append(columns.get(i).name());
		}
		this.writer.write(line.append(Csv.EOL).toString());
	}

	@Override
	public void row(List<@Nullable String> values) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				line.append(',');
			}
			String value = values.get(i);
			if (value != null) {
				line.append(Csv.field(value, this.columns.get(i).type() == Column.Type.TEXT));
			}
		}
		writer().write(line.append(Csv.EOL).toString());
	}

	@Override
	public void end(boolean truncated) throws IOException {
		writer().flush();
	}

	private Writer writer() {
		if (this.writer == null) {
			throw new IllegalStateException("start() was not called");
		}
		return this.writer;
	}

}

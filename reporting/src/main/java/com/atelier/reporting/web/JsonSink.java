package com.atelier.reporting.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import com.atelier.reporting.Column;
import com.atelier.reporting.RowSink;

/**
 * Writes rows as one JSON document, streamed: {@code {"report", "columns", "rows":
 * [{...}], "truncated"}} plus any extra top-level fields given. Whole numbers are JSON
 * numbers; money and ratios are strings, so no decimal is ever rounded by a client's
 * floating point.
 */
public final class JsonSink implements RowSink {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServletResponse response;

	private final String report;

	private final int rowCap;

	private @Nullable JsonGenerator json;

	private List<Column> columns = List.of();

	public JsonSink(HttpServletResponse response, String report, int rowCap) {
		this.response = response;
		this.report = report;
		this.rowCap = rowCap;
	}

	@Override
	public void start(List<Column> columns) throws IOException {
		this.columns = columns;
		this.response.setStatus(200);
		this.response.setContentType("application/json");
		JsonGenerator json = JSON.createGenerator(this.response.getOutputStream());
		this.json = json;
		json.writeStartObject();
		json.writeStringProperty("report", this.report);
		json.writeArrayPropertyStart("columns");
		for (Column column : columns) {
			json.writeStartObject();
			json.writeStringProperty("name", column.name());
			json.writeStringProperty("type", column.type().json());
			json.writeEndObject();
		}
		json.writeEndArray();
		json.writeArrayPropertyStart("rows");
	}

	@Override
	public void row(List<@Nullable String> values) throws IOException {
		JsonGenerator json = generator();
		json.writeStartObject();
		for (int i = 0; i < values.size(); i++) {
			Column column = this.columns.get(i);
			String value = values.get(i);
			json.writeName(column.name());
			if (value == null) {
				json.writeNull();
			}
			else if (column.type() == Column.Type.INTEGER) {
				json.writeNumber(Long.parseLong(value));
			}
			else {
				json.writeString(value);
			}
		}
		json.writeEndObject();
	}

	@Override
	public void end(boolean truncated) throws IOException {
		JsonGenerator json = generator();
		json.writeEndArray();
		json.writeBooleanProperty("truncated", truncated);
		if (truncated) {
			json.writeNumberProperty("rowCap", this.rowCap);
		}
		json.writeEndObject();
		json.close();
	}

	private JsonGenerator generator() {
		if (this.json == null) {
			throw new IllegalStateException("start() was not called");
		}
		return this.json;
	}

}

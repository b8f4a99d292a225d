package com.atelier.platform.catalog.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

import com.atelier.platform.tenancy.TenantSchema;

/**
 * A jOOQ query rendered once and executed many times with new values for its named
 * parameters ({@code DSL.param("name", type)}), in any tenant's schema. Building and
 * rendering a large query costs more CPU than PostgreSQL spends running it; hot read
 * paths keep one per shape. It is rendered against the template schema, which each
 * execution replaces with the current tenant's (schema names are validated identifiers).
 * Unnamed bind values of the query (constants) keep the values they were built with.
 */
final class RenderedQuery {

	private static final DSLContext RENDERER = DSL.using(SQLDialect.POSTGRES);

	private static final String TEMPLATE = "\"" + TenantSchema.TEMPLATE + "\".";

	private final String sql;

	/** Per bind position: the parameter's name, or null for a constant. */
	private final @Nullable String[] names;

	private final @Nullable Object[] constants;

	private RenderedQuery(String sql, @Nullable String[] names, @Nullable Object[] constants) {
		this.sql = sql;
		this.names = names;
		this.constants = constants;
	}

	static RenderedQuery of(Query query) {
		String named = RENDERER.renderNamedParams(query);
		List<Object> values = RENDERER.extractBindValues(query);
		StringBuilder sql = new StringBuilder(named.length());
		List<@Nullable String> names = new ArrayList<>();
		char quote = 0;
		for (int i = 0; i < named.length(); i++) {
			char c = named.charAt(i);
			if (quote != 0) {
				sql.append(c);
				if (c == quote) {
					quote = 0;
				}
			}
			else if (c == '\'' || c == '"') {
				quote = c;
				sql.append(c);
			}
			else if (c == ':' && i + 1 < named.length() && isNameStart(named.charAt(i + 1))
					&& (i == 0 || named.charAt(i - 1) != ':')) {
				int end = i + 1;
				while (end < named.length() && isNamePart(named.charAt(end))) {
					end++;
				}
				String name = named.substring(i + 1, end);
				names.add(Character.isDigit(name.charAt(0)) ? null : name);
				sql.append('?');
				i = end - 1;
			}
			else {
				sql.append(c);
			}
		}
		if (names.size() != values.size()) {
			throw new IllegalStateException(
					"Rendered " + names.size() + " parameters but the query binds " + values.size() + ": " + named);
		}
		return new RenderedQuery(sql.toString(), names.toArray(String[]::new), values.toArray());
	}

	/**
	 * @param dsl the context to run in (the current tenant's)
	 * @param schema the current tenant's schema
	 * @param values a value for every named parameter
	 * @return the rows, columns in the query's order
	 */
	Result<Record> fetch(DSLContext dsl, TenantSchema schema, Map<String, Object> values) {
		Object[] binds = new Object[this.names.length];
		for (int i = 0; i < binds.length; i++) {
			String name = this.names[i];
			if (name == null) {
				binds[i] = this.constants[i];
			}
			else if (values.containsKey(name)) {
				binds[i] = values.get(name);
			}
			else {
				throw new IllegalArgumentException("No value for parameter '" + name + "'");
			}
		}
		return dsl.resultQuery(sql(schema), binds).fetch();
	}

	String sql(TenantSchema schema) {
		return this.sql.replace(TEMPLATE, "\"" + schema.name() + "\".");
	}

	@Nullable String[] names() {
		return this.names.clone();
	}

	@Nullable Object[] constants() {
		return this.constants.clone();
	}

	private static boolean isNameStart(char c) {
		return Character.isLetterOrDigit(c) || c == '_';
	}

	private static boolean isNamePart(char c) {
		return Character.isLetterOrDigit(c) || c == '_';
	}

}

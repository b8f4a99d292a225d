package com.atelier.platform.catalog.internal;

import java.util.UUID;

import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import com.atelier.platform.tenancy.TenantSchema;

import static com.atelier.platform.jooq.tenant_template.Tables.PRODUCTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RenderedQueryTest {

	@Test
	void named_parameters_become_positional_and_the_tenant_schema_replaces_the_template() {
		RenderedQuery query = RenderedQuery.of(DSL.select(PRODUCTS.ID, DSL.inline("a:b").as("literal"))
			.from(PRODUCTS)
			.where(PRODUCTS.ID.eq(DSL.param("id", UUID.class)))
			.and(PRODUCTS.STATUS.eq("ACTIVE"))
			.and(PRODUCTS.HANDLE.eq(DSL.param("handle", String.class))));
		String sql = query.sql(new TenantSchema("tenant_maison"));
		assertThat(sql).contains("\"tenant_maison\".\"products\"")
			.doesNotContain("tenant_template")
			.as("a colon inside a literal is not a parameter")
			.contains("'a:b'");
		assertThat(sql.chars().filter((c) -> c == '?').count()).isEqualTo(3);
		assertThat(query.names()).containsExactly("id", null, "handle");
		assertThat(query.constants()[1]).isEqualTo("ACTIVE");
	}

	@Test
	void a_query_whose_parameters_cannot_be_matched_is_refused() {
		// Plain SQL that looks like a named parameter but binds nothing.
		assertThatIllegalStateException()
			.isThrownBy(() -> RenderedQuery.of(DSL.select(DSL.field("ab:cd", Integer.class))));
	}

}

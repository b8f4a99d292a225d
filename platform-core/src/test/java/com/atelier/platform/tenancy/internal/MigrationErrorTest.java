package com.atelier.platform.tenancy.internal;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failed migration is summarized in one line an operator can act on.
 */
class MigrationErrorTest {

	@Test
	void names_the_changeset_and_the_root_cause() {
		Exception failure = new IllegalStateException(
				"liquibase.exception.MigrationFailedException: Migration failed for changeset"
						+ " db/changelog/tenant/0002-orders.sql::0002-orders::atelier:\n     Reason: ...",
				new RuntimeException("wrapper",
						new SQLException("ERROR: relation \"orders\" already exists\n  Position: 14")));
		assertThat(LiquibaseTenantMigrations.describe(failure))
			.isEqualTo("changeset 0002-orders: ERROR: relation \"orders\" already exists");
	}

	@Test
	void without_a_changeset_it_is_the_root_cause() {
		assertThat(LiquibaseTenantMigrations.describe(new RuntimeException("outer", new SQLException("lock timeout"))))
			.isEqualTo("lock timeout");
	}

}

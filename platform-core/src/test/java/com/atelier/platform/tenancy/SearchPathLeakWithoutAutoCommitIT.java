package com.atelier.platform.tenancy;

import com.atelier.testing.platform.PlatformTest;

/**
 * PITFALLS 1 again with a pool whose connections start outside auto-commit: there the
 * router's own {@code set_config} runs inside a transaction that a rollback could undo.
 */
@PlatformTest(properties = { "spring.datasource.hikari.maximum-pool-size=1",
		"spring.datasource.hikari.auto-commit=false", "atelier.test.database=leak" })
class SearchPathLeakWithoutAutoCommitIT extends SearchPathLeakIT {

}

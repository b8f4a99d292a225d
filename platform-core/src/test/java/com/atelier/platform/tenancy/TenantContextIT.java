package com.atelier.platform.tenancy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.atelier.testing.TestTenants;
import com.atelier.testing.platform.PlatformTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PITFALLS 4: a tenant set after the transaction began would have no effect, so it
 * throws.
 */
@PlatformTest
class TenantContextIT {

	static Tenant a;

	static Tenant b;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeAll
	static void tenants(@Autowired TenantProvisioning provisioning) {
		a = TestTenants.create(provisioning, "ctx-a");
		b = TestTenants.create(provisioning, "ctx-b");
	}

	@Test
	void entering_a_tenant_inside_a_transaction_throws_and_changes_nothing() {
		TenantContext.run(a.ref(), () -> this.transactions.executeWithoutResult((status) -> {
			assertThatThrownBy(() -> TenantContext.enter(b.ref())).isInstanceOf(TenantSwitchInTransaction.class);
			assertThat(TenantContext.require()).isEqualTo(a.ref());
			assertThat(this.jdbc.queryForObject("select current_schema()", String.class)).isEqualTo(a.schema().name());
		}));
	}

	@Test
	void a_transaction_cannot_begin_before_a_tenant_is_set() {
		assertThatThrownBy(() -> this.transactions.executeWithoutResult((status) -> TenantContext.enter(a.ref())))
			.hasRootCauseInstanceOf(NoTenantInContext.class);
		assertThat(TenantContext.current()).isEmpty();
	}

	@Test
	void closing_a_scope_restores_the_previous_tenant() {
		try (TenantContext.Scope outer = TenantContext.enter(a.ref())) {
			try (TenantContext.Scope inner = TenantContext.enter(b.ref())) {
				assertThat(TenantContext.require()).isEqualTo(b.ref());
			}
			assertThat(TenantContext.require()).isEqualTo(a.ref());
		}
		assertThat(TenantContext.current()).isEmpty();
	}

}

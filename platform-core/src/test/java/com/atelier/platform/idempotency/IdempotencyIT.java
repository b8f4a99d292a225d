package com.atelier.platform.idempotency;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.atelier.platform.idempotency.Idempotency.Claim;
import com.atelier.platform.idempotency.Idempotency.Outcome;
import com.atelier.platform.idempotency.Idempotency.Response;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantDsl;
import com.atelier.platform.tenancy.TenantProvisioning;
import com.atelier.testing.platform.PlatformTest;
import com.atelier.testing.TestTenants;

import static com.atelier.platform.jooq.tenant_template.Tables.IDEMPOTENCY_KEYS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claims of idempotency keys: one holder at a time, replay after completion, and a claim
 * taken over from a crashed holder cannot be completed or released by the old holder.
 */
@PlatformTest
class IdempotencyIT {

	static final Response CREATED = new Response(201, "application/json", "/things/1", "{}".getBytes());

	@Autowired
	Idempotency idempotency;

	@Autowired
	TenantProvisioning provisioning;

	@Autowired
	TenantDsl db;

	@Test
	void one_holder_then_replay_and_another_body_is_a_mismatch() {
		Tenant tenant = TestTenants.create(this.provisioning, "idem");
		TenantContext.run(tenant.ref(), () -> {
			Claim first = this.idempotency.claim("client", "k1", "hash-a");
			assertThat(first.outcome()).isEqualTo(Outcome.PROCEED);
			assertThat(this.idempotency.claim("client", "k1", "hash-a").outcome()).isEqualTo(Outcome.IN_FLIGHT);
			assertThat(this.idempotency.claim("client", "k1", "hash-b").outcome()).isEqualTo(Outcome.MISMATCH);
			assertThat(this.idempotency.claim("other-client", "k1", "hash-b").outcome()).as("keys are per client")
				.isEqualTo(Outcome.PROCEED);
			this.idempotency.complete("client", "k1", first, CREATED);
			Claim replay = this.idempotency.claim("client", "k1", "hash-a");
			assertThat(replay.outcome()).isEqualTo(Outcome.REPLAY);
			assertThat(replay.response().orElseThrow().location()).isEqualTo("/things/1");
		});
	}

	@Test
	void an_abandoned_claim_is_taken_over_and_its_old_holder_can_no_longer_finish_it() {
		Tenant tenant = TestTenants.create(this.provisioning, "idem-takeover");
		TenantContext.run(tenant.ref(), () -> {
			Claim crashed = this.idempotency.claim("client", "k2", "hash");
			assertThat(crashed.outcome()).isEqualTo(Outcome.PROCEED);
			// The holder went quiet for longer than the takeover delay.
			this.db.dsl()
				.update(IDEMPOTENCY_KEYS)
				.set(IDEMPOTENCY_KEYS.CREATED_AT, OffsetDateTime.now().minusMinutes(10))
				.where(IDEMPOTENCY_KEYS.IDEMPOTENCY_KEY.eq("k2"))
				.execute();
			Claim crashedAsStored = new Claim(Outcome.PROCEED, java.util.Optional.empty(),
					this.db.dsl()
						.select(IDEMPOTENCY_KEYS.CREATED_AT)
						.from(IDEMPOTENCY_KEYS)
						.where(IDEMPOTENCY_KEYS.IDEMPOTENCY_KEY.eq("k2"))
						.fetchOne(IDEMPOTENCY_KEYS.CREATED_AT));
			Claim retry = this.idempotency.claim("client", "k2", "hash");
			assertThat(retry.outcome()).isEqualTo(Outcome.PROCEED);

			this.idempotency.release("client", "k2", crashedAsStored);
			assertThat(this.idempotency.claim("client", "k2", "hash").outcome())
				.as("the old holder's release left the new claim alone")
				.isEqualTo(Outcome.IN_FLIGHT);
			this.idempotency.complete("client", "k2", crashedAsStored, new Response(500, null, null, new byte[0]));
			this.idempotency.complete("client", "k2", retry, CREATED);
			assertThat(this.idempotency.claim("client", "k2", "hash").response().orElseThrow().status())
				.as("the new holder's response is the one kept")
				.isEqualTo(201);
		});
	}

}

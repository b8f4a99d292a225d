package com.atelier.platform.orders.internal;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.jooq.Record2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.atelier.platform.orders.Orders;
import com.atelier.platform.outage.DatabaseOutages;
import com.atelier.platform.tenancy.PlatformDsl;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantDirectory;
import com.atelier.platform.tenancy.TenantId;

import static com.atelier.platform.jooq.platform.Tables.RESERVATION_EXPIRIES;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.select;

/**
 * Releases the stock of placed orders whose reservation has expired (PITFALLS 13). Due
 * reservations are found in one platform-wide index, whatever the number of tenants; each
 * node claims a batch with {@code FOR UPDATE SKIP LOCKED} and a lease (so a node that
 * dies mid-batch leaves its claims to the others after the lease), then releases each
 * order inside its tenant, where the order's own expiry time is checked again.
 */
public class ReservationExpiryJob {

	private static final Logger log = LoggerFactory.getLogger(ReservationExpiryJob.class);

	private final PlatformDsl platform;

	private final TenantDirectory directory;

	private final Orders orders;

	private final int batchSize;

	private final Duration lease;

	ReservationExpiryJob(PlatformDsl platform, TenantDirectory directory, Orders orders, int batchSize,
			Duration lease) {
		this.platform = platform;
		this.directory = directory;
		this.orders = orders;
		this.batchSize = batchSize;
		this.lease = lease;
	}

	/**
	 * Releases everything due now.
	 * @return orders released
	 */
	public int runOnce() {
		int released = 0;
		List<Record2<java.util.UUID, java.util.UUID>> due;
		do {
			due = claim();
			for (Record2<java.util.UUID, java.util.UUID> item : due) {
				Optional<Tenant> tenant = this.directory.findById(new TenantId(item.value1()));
				if (tenant.isEmpty()) {
					forget(item);
					continue;
				}
				try (TenantContext.Scope scope = TenantContext.enter(tenant.get().ref())) {
					if (this.orders.expire(item.value2())) {
						released++;
					}
				}
				catch (RuntimeException ex) {
					if (DatabaseOutages.isOutage(ex)) {
						// The whole run pauses; the job logs it once (ADR 31).
						throw ex;
					}
					log.warn("Could not release the reservation of order {} of tenant {}: {}", item.value2(),
							tenant.get().slug(), ex.toString());
				}
			}
		}
		while (due.size() >= this.batchSize);
		return released;
	}

	private List<Record2<java.util.UUID, java.util.UUID>> claim() {
		return this.platform.transaction((tx) -> tx.update(RESERVATION_EXPIRIES)
			.set(RESERVATION_EXPIRIES.EXPIRES_AT, OffsetDateTime.now().plus(this.lease))
			.where(row(RESERVATION_EXPIRIES.TENANT_ID, RESERVATION_EXPIRIES.ORDER_ID)
				.in(select(RESERVATION_EXPIRIES.TENANT_ID, RESERVATION_EXPIRIES.ORDER_ID).from(RESERVATION_EXPIRIES)
					.where(RESERVATION_EXPIRIES.EXPIRES_AT.le(OffsetDateTime.now()))
					.orderBy(RESERVATION_EXPIRIES.EXPIRES_AT)
					.limit(this.batchSize)
					.forUpdate()
					.skipLocked()))
			.returning(RESERVATION_EXPIRIES.TENANT_ID, RESERVATION_EXPIRIES.ORDER_ID)
			.fetch()
			.into(RESERVATION_EXPIRIES.TENANT_ID, RESERVATION_EXPIRIES.ORDER_ID));
	}

	private void forget(Record2<java.util.UUID, java.util.UUID> item) {
		this.platform.transaction((tx) -> tx.deleteFrom(RESERVATION_EXPIRIES)
			.where(RESERVATION_EXPIRIES.TENANT_ID.eq(item.value1()), RESERVATION_EXPIRIES.ORDER_ID.eq(item.value2()))
			.execute());
	}

}

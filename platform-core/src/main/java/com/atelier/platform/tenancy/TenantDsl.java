package com.atelier.platform.tenancy;

import org.jooq.DSLContext;

/**
 * jOOQ for the current tenant: generated tables name the template schema, and this
 * context renders them qualified with the tenant's schema. It joins the current Spring
 * transaction (JPA or JDBC) and borrows a routed connection outside one.
 */
public interface TenantDsl {

	/**
	 * @return a context for the current tenant
	 * @throws NoTenantInContext when no tenant is set
	 */
	DSLContext dsl();

}

package com.atelier.platform.tenancy;

import org.jooq.DSLContext;

/**
 * A feature's part in creating a tenant: seeds its tables once the schema is migrated,
 * for example the brand settings. Runs inside the provisioning transaction; throwing
 * aborts the creation and nothing is kept.
 */
public interface TenantSetup {

	/**
	 * @param tenant a context whose generated tables render as the new tenant's schema
	 * @param command what the operator asked for
	 */
	void initialize(DSLContext tenant, NewTenant command);

}

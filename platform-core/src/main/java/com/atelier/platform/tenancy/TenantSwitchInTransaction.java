package com.atelier.platform.tenancy;

/**
 * The tenant context was changed while a transaction was active. The transaction's
 * connection already points at a schema, so the change could not take effect: refused.
 */
public class TenantSwitchInTransaction extends IllegalStateException {

	public TenantSwitchInTransaction() {
		super("The tenant context cannot change inside an active transaction; set it before the transaction begins");
	}

}

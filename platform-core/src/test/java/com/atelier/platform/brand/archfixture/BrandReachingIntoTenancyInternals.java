package com.atelier.platform.brand.archfixture;

import com.atelier.platform.tenancy.internal.ConnectionRouter;

/**
 * Breaks a rule on purpose: the brand feature reaching into tenancy's internals. Only the
 * architecture tests load it, to prove the rule catches it.
 */
public class BrandReachingIntoTenancyInternals {

	long switches(ConnectionRouter router) {
		return router.switches();
	}

}

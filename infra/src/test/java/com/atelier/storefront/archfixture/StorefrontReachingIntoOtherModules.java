package com.atelier.storefront.archfixture;

import com.atelier.infra.cli.AtelierCli;
import com.atelier.platform.jooq.tenant_template.Tables;

/**
 * Breaks module rules on purpose: the storefront using infra and generated jOOQ types.
 * Only the architecture tests load it, to prove the rules catch it.
 */
public class StorefrontReachingIntoOtherModules {

	Object cli(AtelierCli cli) {
		return cli;
	}

	Object table() {
		return Tables.BRAND_SETTINGS;
	}

}

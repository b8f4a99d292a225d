package com.atelier.platform.brand.archfixture;

import com.atelier.platform.jooq.tenant_template.Tables;

/**
 * Breaks rules on purpose: a feature's API package using generated jOOQ types, in a
 * package without package-info. Only the architecture tests load it.
 */
public class BrandUsingJooqTypes {

	Object table() {
		return Tables.BRAND_SETTINGS;
	}

}

package com.atelier.platform.brand;

import com.atelier.platform.identity.Actor;

/**
 * The current tenant's brand settings.
 */
public interface Brands {

	/**
	 * @return the current tenant's brand
	 * @throws com.atelier.platform.tenancy.NoTenantInContext when no tenant is set
	 */
	Brand current();

	/**
	 * Applies changes to the current tenant's brand, and audits them.
	 * @param changes the fields to change
	 * @param actor who changes it
	 * @return the brand after the change
	 */
	Brand update(BrandChanges changes, Actor actor);

}

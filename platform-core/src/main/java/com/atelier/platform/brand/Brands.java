package com.atelier.platform.brand;

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
	 * Applies changes to the current tenant's brand.
	 * @param changes the fields to change
	 * @return the brand after the change
	 */
	Brand update(BrandChanges changes);

}

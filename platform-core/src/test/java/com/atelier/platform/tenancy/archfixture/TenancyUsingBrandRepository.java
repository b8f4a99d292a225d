package com.atelier.platform.tenancy.archfixture;

import com.atelier.platform.brand.internal.BrandSettingsRepository;

/**
 * Breaks a rule on purpose: one feature using another feature's repository. Only the
 * architecture tests load it.
 */
public class TenancyUsingBrandRepository {

	long count(BrandSettingsRepository repository) {
		return repository.count();
	}

}

package com.atelier.platform;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import com.atelier.platform.brand.archfixture.BrandReachingIntoTenancyInternals;
import com.atelier.platform.brand.archfixture.BrandUsingJooqTypes;
import com.atelier.platform.tenancy.archfixture.TenancyUsingBrandRepository;
import com.atelier.testing.architecture.AtelierRules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules inside platform-core: features talk through their public API; persistence and
 * jOOQ types stay inside their feature; every package is null-marked.
 */
class ArchitectureTest {

	static final JavaClasses CORE = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("com.atelier.platform");

	@Test
	void platform_core_depends_on_no_other_module() {
		AtelierRules.PLATFORM_CORE_DEPENDS_ON_NO_OTHER_MODULE.check(CORE);
	}

	@Test
	void internals_stay_inside_their_feature() {
		AtelierRules.INTERNALS_STAY_INSIDE_THEIR_FEATURE.check(CORE);
		assertThat(AtelierRules.isViolatedBy(AtelierRules.INTERNALS_STAY_INSIDE_THEIR_FEATURE,
				fixtures(BrandReachingIntoTenancyInternals.class)))
			.isTrue();
	}

	@Test
	void jooq_types_stay_in_internal_packages() {
		AtelierRules.JOOQ_TYPES_STAY_IN_INTERNALS_AND_REPORTS.check(CORE);
		assertThat(AtelierRules.isViolatedBy(AtelierRules.JOOQ_TYPES_STAY_IN_INTERNALS_AND_REPORTS,
				fixtures(BrandUsingJooqTypes.class)))
			.isTrue();
	}

	@Test
	void repositories_stay_inside_their_feature() {
		AtelierRules.REPOSITORIES_STAY_INSIDE_THEIR_FEATURE.check(CORE);
		assertThat(AtelierRules.isViolatedBy(AtelierRules.REPOSITORIES_STAY_INSIDE_THEIR_FEATURE,
				fixtures(TenancyUsingBrandRepository.class)))
			.isTrue();
	}

	@Test
	void every_package_is_null_marked() {
		AtelierRules.PACKAGES_ARE_NULL_MARKED.check(CORE);
		assertThat(
				AtelierRules.isViolatedBy(AtelierRules.PACKAGES_ARE_NULL_MARKED, fixtures(BrandUsingJooqTypes.class)))
			.isTrue();
	}

	@Test
	void controllers_live_in_the_api_modules() {
		AtelierRules.CONTROLLERS_LIVE_IN_API_MODULES.check(CORE);
	}

	/** Our production classes plus deliberately broken ones. */
	static JavaClasses fixtures(Class<?>... broken) {
		return new ClassFileImporter().importPackages("com.atelier.platform.tenancy", "com.atelier.platform.brand",
				"com.atelier.platform.jooq", broken[0].getPackageName());
	}

}

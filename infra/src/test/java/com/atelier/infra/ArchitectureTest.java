package com.atelier.infra;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.atelier.admin.TenantAdminConfiguration;
import com.atelier.platform.PlatformCoreConfiguration;
import com.atelier.reporting.ReportingConfiguration;
import com.atelier.storefront.StorefrontApiConfiguration;

import com.atelier.testing.architecture.AtelierRules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module rules of ARCHITECTURE.md over the whole application: platform-core depends
 * on nothing of ours; the API modules depend only on platform-core, never on one another.
 */
class ArchitectureTest {

	/**
	 * The production classes of every module: each module's jar (or classes directory).
	 */
	static final JavaClasses ALL = new ClassFileImporter().importUrls(Stream
		.of(PlatformCoreConfiguration.class, TenantAdminConfiguration.class, StorefrontApiConfiguration.class,
				ReportingConfiguration.class, AtelierApplication.class)
		.map((type) -> type.getProtectionDomain().getCodeSource().getLocation())
		.toList());

	static final JavaClasses BROKEN = new ClassFileImporter().importPackages("com.atelier.storefront.archfixture",
			"com.atelier.admin", "com.atelier.infra.cli", "com.atelier.platform.jooq");

	@Test
	void platform_core_depends_on_no_other_module() {
		AtelierRules.PLATFORM_CORE_DEPENDS_ON_NO_OTHER_MODULE.check(ALL);
	}

	@Test
	void storefront_does_not_depend_on_tenant_admin_reporting_or_infra() {
		AtelierRules.STOREFRONT_DEPENDS_ONLY_ON_PLATFORM_CORE.check(ALL);
		assertThat(AtelierRules.isViolatedBy(AtelierRules.STOREFRONT_DEPENDS_ONLY_ON_PLATFORM_CORE, BROKEN)).isTrue();
	}

	@Test
	void tenant_admin_does_not_depend_on_storefront_reporting_or_infra() {
		AtelierRules.TENANT_ADMIN_DEPENDS_ONLY_ON_PLATFORM_CORE.check(ALL);
	}

	@Test
	void reporting_does_not_depend_on_tenant_admin_storefront_or_infra() {
		AtelierRules.REPORTING_DEPENDS_ONLY_ON_PLATFORM_CORE.check(ALL);
	}

	@Test
	void api_modules_use_no_platform_internals_nor_jooq_types() {
		AtelierRules.INTERNALS_STAY_INSIDE_THEIR_FEATURE.check(ALL);
		AtelierRules.JOOQ_TYPES_STAY_IN_INTERNALS_AND_REPORTS.check(ALL);
		assertThat(AtelierRules.isViolatedBy(AtelierRules.JOOQ_TYPES_STAY_IN_INTERNALS_AND_REPORTS, BROKEN)).isTrue();
	}

	@Test
	void every_package_is_null_marked() {
		AtelierRules.PACKAGES_ARE_NULL_MARKED.check(ALL);
	}

	@Test
	void controllers_live_in_the_api_modules() {
		AtelierRules.CONTROLLERS_LIVE_IN_API_MODULES.check(ALL);
	}

}

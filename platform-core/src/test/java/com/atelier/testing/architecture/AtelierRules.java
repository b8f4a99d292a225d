package com.atelier.testing.architecture;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The module rules of ARCHITECTURE.md as ArchUnit rules, shared by every module's
 * {@code ArchitectureTest}. Each rule is also run against classes that break it, so a
 * rule that stopped matching anything would fail its own test.
 */
public final class AtelierRules {

	private static final String CORE = "com.atelier.platform..";

	private static final String ADMIN = "com.atelier.admin..";

	private static final String STOREFRONT = "com.atelier.storefront..";

	private static final String REPORTING = "com.atelier.reporting..";

	private static final String INFRA = "com.atelier.infra..";

	private static final String JOOQ = "com.atelier.platform.jooq..";

	private AtelierRules() {
	}

	public static final ArchRule PLATFORM_CORE_DEPENDS_ON_NO_OTHER_MODULE = noClasses().that()
		.resideInAPackage(CORE)
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage(ADMIN, STOREFRONT, REPORTING, INFRA)
		.as("platform-core depends on no other module");

	public static final ArchRule TENANT_ADMIN_DEPENDS_ONLY_ON_PLATFORM_CORE = noClasses().that()
		.resideInAPackage(ADMIN)
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage(STOREFRONT, REPORTING, INFRA)
		.as("tenant-admin depends on no other API module nor on infra");

	public static final ArchRule STOREFRONT_DEPENDS_ONLY_ON_PLATFORM_CORE = noClasses().that()
		.resideInAPackage(STOREFRONT)
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage(ADMIN, REPORTING, INFRA)
		.as("storefront-api depends on no other API module nor on infra");

	public static final ArchRule REPORTING_DEPENDS_ONLY_ON_PLATFORM_CORE = noClasses().that()
		.resideInAPackage(REPORTING)
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage(ADMIN, STOREFRONT, INFRA)
		.as("reporting depends on no other API module nor on infra");

	/** A feature's {@code internal} package is reached only from inside that feature. */
	public static final ArchRule INTERNALS_STAY_INSIDE_THEIR_FEATURE = classes().that()
		.resideInAPackage("com.atelier.platform.*.internal..")
		.should(onlyBeAccessedFromTheirOwnFeature())
		.as("platform-core internals are only used inside their feature");

	/** Generated jOOQ types are persistence: internal packages and typed reports only. */
	public static final ArchRule JOOQ_TYPES_STAY_IN_INTERNALS_AND_REPORTS = noClasses().that()
		.resideOutsideOfPackages("com.atelier.platform.*.internal..", JOOQ, REPORTING)
		.should()
		.dependOnClassesThat()
		.resideInAPackage(JOOQ)
		.as("generated jOOQ types are used only in internal packages and reports");

	/** Spring Data repositories are persistence: only their feature uses them. */
	public static final ArchRule REPOSITORIES_STAY_INSIDE_THEIR_FEATURE = classes().that()
		.areAssignableTo(org.springframework.data.repository.Repository.class)
		.and()
		.resideInAPackage(CORE)
		.should(onlyBeAccessedFromTheirOwnFeature())
		.as("repositories are only used inside their feature");

	/**
	 * Every package of ours declares its nullness: {@code @NullMarked} in package-info.
	 */
	public static final ArchRule PACKAGES_ARE_NULL_MARKED = classes().that()
		.resideInAPackage("com.atelier..")
		.and()
		.resideOutsideOfPackage(JOOQ)
		.and()
		.areTopLevelClasses()
		.should(beInANullMarkedPackage())
		.as("every package is @NullMarked");

	/** HTTP adapters live in the API modules (and infra's error handling). */
	public static final ArchRule CONTROLLERS_LIVE_IN_API_MODULES = noClasses().that()
		.areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
		.should()
		.resideInAPackage(CORE)
		.as("controllers live in the API modules, not in platform-core")
		.allowEmptyShould(true);

	private static ArchCondition<JavaClass> onlyBeAccessedFromTheirOwnFeature() {
		return new ArchCondition<>("only be accessed from their own feature") {

			@Override
			public void check(JavaClass target, ConditionEvents events) {
				String feature = feature(target.getPackageName());
				for (JavaAccess<?> access : target.getAccessesToSelf()) {
					String origin = access.getOriginOwner().getPackageName();
					if (!feature.equals(feature(origin))) {
						events.add(SimpleConditionEvent.violated(access, access.getDescription()));
					}
				}
				target.getDirectDependenciesToSelf().forEach((dependency) -> {
					String origin = dependency.getOriginClass().getPackageName();
					if (!feature.equals(feature(origin))) {
						events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
					}
				});
			}

		};
	}

	private static ArchCondition<JavaClass> beInANullMarkedPackage() {
		return new ArchCondition<>("be in a @NullMarked package") {

			@Override
			public void check(JavaClass javaClass, ConditionEvents events) {
				JavaPackage javaPackage = javaClass.getPackage();
				boolean marked = javaPackage.isAnnotatedWith(org.jspecify.annotations.NullMarked.class);
				if (!marked) {
					events.add(SimpleConditionEvent.violated(javaClass,
							javaPackage.getName() + " has no package-info.java with @NullMarked"));
				}
			}

		};
	}

	/**
	 * {@code com.atelier.platform.tenancy.internal.x} is feature
	 * {@code com.atelier.platform.tenancy}.
	 */
	static String feature(String packageName) {
		String prefix = "com.atelier.platform.";
		if (!packageName.startsWith(prefix)) {
			return packageName;
		}
		int end = packageName.indexOf('.', prefix.length());
		return (end < 0) ? packageName : packageName.substring(0, end);
	}

	/** Whether a rule finds at least one violation among the given classes. */
	public static boolean isViolatedBy(ArchRule rule, JavaClasses classes) {
		return rule.evaluate(classes).hasViolation();
	}

}

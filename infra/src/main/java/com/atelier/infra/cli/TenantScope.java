package com.atelier.infra.cli;

import java.util.function.Supplier;

import com.atelier.platform.identity.Actor;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantDirectory;
import com.atelier.platform.tenancy.TenantStatus;
import com.atelier.platform.tenancy.UnknownTenant;

/**
 * Commands that work inside one tenant set the tenant context here, at the edge, as a
 * request filter does; and name the operator for the audit log.
 */
final class TenantScope {

	private TenantScope() {
	}

	static <T> T call(AtelierCli cli, String slug, Supplier<T> work) {
		Tenant tenant = cli.bean(TenantDirectory.class)
			.findBySlug(Slugs.parse(slug))
			.filter((t) -> t.status() != TenantStatus.PROVISIONING)
			.orElseThrow(() -> UnknownTenant.forSlug(slug));
		return TenantContext.call(tenant.ref(), work);
	}

	static Actor operator() {
		String operator = System.getenv("ATELIER_OPERATOR");
		return Actor.operator((operator != null && !operator.isBlank()) ? operator.strip()
				: System.getProperty("user.name", "unknown"));
	}

}

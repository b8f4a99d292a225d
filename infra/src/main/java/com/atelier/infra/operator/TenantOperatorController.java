package com.atelier.infra.operator;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.atelier.platform.tenancy.NewTenant;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantDirectory;
import com.atelier.platform.tenancy.TenantProvisioning;
import com.atelier.platform.tenancy.TenantSlug;
import com.atelier.platform.tenancy.UnknownTenant;

/**
 * {@code /platform/api/v1/tenants}: create, list, show, suspend and resume tenants, as
 * {@code bin/atelier tenant ...} does.
 */
@RestController
class TenantOperatorController {

	private final TenantDirectory directory;

	private final TenantProvisioning provisioning;

	TenantOperatorController(TenantDirectory directory, TenantProvisioning provisioning) {
		this.directory = directory;
		this.provisioning = provisioning;
	}

	@PostMapping("/platform/api/v1/tenants")
	ResponseEntity<TenantResource> create(@RequestBody NewTenantRequest body) {
		Tenant tenant = this.provisioning.create(NewTenant.of(nonNull(body.slug()), nonNull(body.name()),
				nonNull(body.currency()), (body.domains() != null) ? body.domains() : List.of(),
				(body.locales() != null) ? body.locales() : List.of()));
		return ResponseEntity.created(URI.create("/platform/api/v1/tenants/" + tenant.slug()))
			.body(TenantResource.of(tenant));
	}

	@GetMapping("/platform/api/v1/tenants")
	TenantList list() {
		return new TenantList(this.directory.list().stream().map(TenantResource::of).toList());
	}

	@GetMapping("/platform/api/v1/tenants/{slug}")
	TenantResource show(@PathVariable String slug) {
		return TenantResource.of(find(slug));
	}

	@PostMapping("/platform/api/v1/tenants/{slug}/suspend")
	TenantResource suspend(@PathVariable String slug) {
		this.provisioning.suspend(find(slug).slug());
		return TenantResource.of(find(slug));
	}

	@PostMapping("/platform/api/v1/tenants/{slug}/resume")
	TenantResource resume(@PathVariable String slug) {
		this.provisioning.resume(find(slug).slug());
		return TenantResource.of(find(slug));
	}

	private Tenant find(String slug) {
		return TenantSlug.parse(slug)
			.flatMap(this.directory::findBySlug)
			.orElseThrow(() -> UnknownTenant.forSlug(slug));
	}

	private static String nonNull(@Nullable String value) {
		return (value != null) ? value : "";
	}

	/**
	 * @param slug slug
	 * @param name brand name
	 * @param currency ISO 4217
	 * @param domains host names
	 * @param locales BCP 47 tags, default first
	 */
	record NewTenantRequest(@Nullable String slug, @Nullable String name, @Nullable String currency,
			@Nullable List<String> domains, @Nullable List<String> locales) {
	}

	/**
	 * @param items tenants by slug
	 */
	record TenantList(List<TenantResource> items) {
	}

	/**
	 * @param id id
	 * @param slug slug
	 * @param name brand name
	 * @param status ACTIVE, SUSPENDED or PROVISIONING
	 * @param schema PostgreSQL schema
	 * @param defaultCurrency ISO 4217
	 * @param defaultLocale BCP 47
	 * @param domains host names
	 * @param createdAt when created
	 * @param migrationState OK, FAILED or PENDING
	 * @param migratedTo changelog head
	 */
	record TenantResource(String id, String slug, String name, String status, String schema, String defaultCurrency,
			String defaultLocale, List<String> domains, Instant createdAt, String migrationState,
			@Nullable String migratedTo) {

		static TenantResource of(Tenant tenant) {
			return new TenantResource(tenant.id().toString(), tenant.slug().value(), tenant.displayName(),
					tenant.status().name(), tenant.schema().name(), tenant.defaultCurrency().code(),
					tenant.defaultLocale(), tenant.domains(), tenant.createdAt(), tenant.migrationState().name(),
					tenant.migratedTo());
		}

	}

}

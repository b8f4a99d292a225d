package com.atelier.infra.demo;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import com.atelier.platform.brand.BrandChanges;
import com.atelier.platform.brand.Brands;
import com.atelier.platform.catalog.CatalogManagement;
import com.atelier.platform.inventory.Inventory;
import com.atelier.platform.orders.Carts;
import com.atelier.platform.orders.Checkout;
import com.atelier.platform.orders.CommerceSettings;
import com.atelier.platform.orders.Orders;
import com.atelier.platform.pricing.Pricing;
import com.atelier.platform.identity.Actor;
import com.atelier.platform.identity.Role;
import com.atelier.platform.identity.Staff;
import com.atelier.platform.tenancy.MigrationResult;
import com.atelier.platform.tenancy.NewTenant;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantDirectory;
import com.atelier.platform.tenancy.TenantMigrations;
import com.atelier.platform.tenancy.TenantProvisioning;
import com.atelier.platform.tenancy.TenantSlug;

/**
 * With {@code atelier.demo=true} ({@code serve --demo}), makes sure the demo brands exist
 * and are migrated. Idempotent: brands that exist are kept as they are.
 */
@Component
@ConditionalOnBooleanProperty("atelier.demo")
public class DemoBrands implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoBrands.class);

	/** The demo brands, in the order the start-up banner lists them. */
	public static final List<Demo> BRANDS = List.of(
			new Demo("maison-aurele", "Maison Aurèle", "EUR", List.of("fr-FR", "en"),
					new BrandChanges(null, "https://static.maison-aurele.example/logo.svg", "#2B2A29", "#B08D57",
							"#FAF7F2", "Europe/Paris")),
			new Demo("kagura", "Kagura Atelier", "JPY", List.of("ja-JP", "en"), new BrandChanges(null,
					"https://static.kagura.example/logo.svg", "#1C1C1C", "#9E2B25", "#FFFFFF", "Asia/Tokyo")));

	private final TenantDirectory directory;

	private final TenantProvisioning provisioning;

	private final TenantMigrations migrations;

	private final Brands brands;

	private final Staff staff;

	private final CatalogManagement catalog;

	private final Pricing pricing;

	private final Inventory inventory;

	private final CommerceSettings commerce;

	private final Carts carts;

	private final Checkout checkout;

	private final Orders orders;

	DemoBrands(TenantDirectory directory, TenantProvisioning provisioning, TenantMigrations migrations, Brands brands,
			Staff staff, CatalogManagement catalog, Pricing pricing, Inventory inventory, CommerceSettings commerce,
			Carts carts, Checkout checkout, Orders orders) {
		this.commerce = commerce;
		this.carts = carts;
		this.checkout = checkout;
		this.orders = orders;
		this.catalog = catalog;
		this.pricing = pricing;
		this.inventory = inventory;
		this.directory = directory;
		this.provisioning = provisioning;
		this.migrations = migrations;
		this.brands = brands;
		this.staff = staff;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (Demo demo : BRANDS) {
			TenantSlug slug = new TenantSlug(demo.slug());
			Tenant tenant = this.directory.findBySlug(slug).orElse(null);
			if (tenant == null) {
				tenant = this.provisioning
					.create(NewTenant.of(demo.slug(), demo.name(), demo.currency(), List.of(), demo.locales()));
				TenantContext.run(tenant.ref(), () -> this.brands.update(demo.look(), Actor.operator("demo")));
				TenantContext.run(tenant.ref(), () -> DemoCatalog.seed(demo.slug(), demo.currency(),
						demo.locales().get(0), this.catalog, this.pricing, this.inventory, this.commerce));
				int placed = 0;
				try {
					placed = TenantContext.call(tenant.ref(),
							() -> DemoOrders.seed(demo.slug(), this.catalog, this.carts, this.checkout, this.orders));
				}
				catch (RuntimeException ex) {
					// Sample orders are a nicety: the demo brand works without them.
					log.warn("Could not place the demo orders of {}", demo.slug(), ex);
				}
				Staff.Invitation owner = TenantContext.call(tenant.ref(), () -> this.staff
					.create("owner@" + demo.slug() + ".example", "Demo owner", Role.OWNER, Actor.operator("demo")));
				log.info("Created demo brand {} with {} orders", demo.slug(), placed);
				System.out.printf("Demo brand %s: staff sign-in %s / %s (shown once)%n", demo.name(),
						owner.member().email(), owner.oneTimePassword());
			}
			else if (!this.migrations.head().equals(tenant.migratedTo())) {
				MigrationResult result = this.migrations.migrate(slug);
				log.info("Migrated demo brand {}: {}", demo.slug(), result.outcome());
			}
		}
	}

	/**
	 * @param slug tenant slug
	 * @param name brand name
	 * @param currency default currency
	 * @param locales locales, default first
	 * @param look logo and colours
	 */
	public record Demo(String slug, String name, String currency, List<String> locales, BrandChanges look) {
	}

}

package com.atelier.infra.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.atelier.platform.catalog.CatalogManagement;
import com.atelier.platform.catalog.Product;
import com.atelier.platform.catalog.ProductInput;
import com.atelier.platform.catalog.ProductStatus;
import com.atelier.platform.catalog.VariantInput;
import com.atelier.platform.identity.Actor;
import com.atelier.platform.inventory.Inventory;
import com.atelier.platform.inventory.StockLocation;
import com.atelier.platform.pricing.Market;
import com.atelier.platform.pricing.Pricing;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantContext;

/**
 * Catalogues for storefront tests, built through the services (fast), inside the tenant.
 */
final class CatalogFixtures {

	static final Actor TESTS = Actor.operator("tests");

	private final Tenant tenant;

	private final CatalogManagement catalog;

	private final Pricing pricing;

	private final Inventory inventory;

	private StockLocation location;

	CatalogFixtures(Tenant tenant, CatalogManagement catalog, Pricing pricing, Inventory inventory) {
		this.tenant = tenant;
		this.catalog = catalog;
		this.pricing = pricing;
		this.inventory = inventory;
	}

	Market market(String handle, String currency, boolean isDefault) {
		return TenantContext.call(this.tenant.ref(), () -> this.pricing.createMarket(handle, handle.toUpperCase(),
				currency, List.of(), true, isDefault, TESTS));
	}

	/** A product with one variant per value of a Colour option. */
	Product product(String handle, String title, ProductStatus status, List<String> colours,
			Map<String, ProductInput.Translation> translations) {
		List<VariantInput> variants = new ArrayList<>();
		for (String colour : colours) {
			variants
				.add(new VariantInput(handle.toUpperCase() + "-" + colour.toUpperCase(), null, List.of(colour), 100));
		}
		return TenantContext
			.call(this.tenant.ref(),
					() -> this.catalog.createProduct(
							new ProductInput(handle, title, title + " description", status, null, null, null, null,
									List.of(new ProductInput.Media("https://images.example/" + handle + ".jpg", title)),
									List.of(new ProductInput.Option("Colour", colours)), variants, translations),
							TESTS));
	}

	Product product(String handle, String title) {
		return product(handle, title, ProductStatus.ACTIVE, List.of("Black"), Map.of());
	}

	void price(Market market, Product product, String... amounts) {
		List<Pricing.PriceInput> prices = new ArrayList<>();
		for (int i = 0; i < product.variants().size(); i++) {
			prices.add(new Pricing.PriceInput(product.variants().get(i).id(), null,
					amounts[Math.min(i, amounts.length - 1)]));
		}
		TenantContext.run(this.tenant.ref(), () -> this.pricing.setPrices(market.id(), prices, TESTS));
	}

	void stock(Product.Variant variant, int units) {
		TenantContext.run(this.tenant.ref(), () -> {
			if (this.location == null) {
				this.location = this.inventory.createLocation("main", "Main", TESTS);
			}
			this.inventory.adjust(variant.id(), this.location.id(), units, "test stock", TESTS);
		});
	}

	UUID collection(String handle, List<Product> products) {
		return TenantContext.call(this.tenant.ref(), () -> {
			UUID id = this.catalog.createCollection(handle, handle, null, Map.of(), TESTS).id();
			this.catalog.setCollectionProducts(id, products.stream().map(Product::id).toList(), TESTS);
			return id;
		});
	}

}

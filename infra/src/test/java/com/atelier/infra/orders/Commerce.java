package com.atelier.infra.orders;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import com.atelier.infra.identity.Browser;
import com.atelier.platform.catalog.CatalogManagement;
import com.atelier.platform.catalog.Product;
import com.atelier.platform.catalog.ProductInput;
import com.atelier.platform.catalog.ProductStatus;
import com.atelier.platform.catalog.VariantInput;
import com.atelier.platform.identity.Actor;
import com.atelier.platform.inventory.Inventory;
import com.atelier.platform.inventory.StockLevel;
import com.atelier.platform.inventory.StockLocation;
import com.atelier.platform.orders.CommerceSettings;
import com.atelier.platform.payments.PaymentProviders;
import com.atelier.platform.pricing.Market;
import com.atelier.platform.pricing.Pricing;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A brand set up to sell (through the services, fast), and a shopper's HTTP calls.
 */
public final class Commerce {

	static final Actor TESTS = Actor.operator("tests");

	final Tenant tenant;

	private final CatalogManagement catalog;

	private final Pricing pricing;

	private final Inventory inventory;

	private final CommerceSettings settings;

	private final PaymentProviders providers;

	private StockLocation location;

	Commerce(Tenant tenant, CatalogManagement catalog, Pricing pricing, Inventory inventory, CommerceSettings settings,
			PaymentProviders providers) {
		this.tenant = tenant;
		this.catalog = catalog;
		this.pricing = pricing;
		this.inventory = inventory;
		this.settings = settings;
		this.providers = providers;
	}

	/** A market with one country, a tax rate and one shipping method {@code standard}. */
	public Market market(String handle, String currency, boolean isDefault, boolean taxIncluded, String country,
			String rate, String shipping) {
		return TenantContext.call(this.tenant.ref(), () -> {
			Market market = this.pricing.createMarket(handle, handle.toUpperCase(), currency, List.of(country),
					taxIncluded, isDefault, TESTS);
			this.settings.setTaxRates(market.id(), Map.of(country, rate), TESTS);
			this.settings.createShippingMethod(market.id(), "standard", "Standard", shipping, null, TESTS);
			return market;
		});
	}

	/** A product with one variant, its SKU = handle in upper case, priced and stocked. */
	public Product.Variant variant(String handle, Market market, String price, int units) {
		Product product = TenantContext.call(this.tenant.ref(), () -> this.catalog.createProduct(
				new ProductInput(handle, handle, null, ProductStatus.ACTIVE, null, null, null, null, List.of(),
						List.of(), List.of(new VariantInput(handle.toUpperCase(), null, List.of(), null)), Map.of()),
				TESTS));
		Product.Variant variant = product.variants().get(0);
		price(market, variant, price);
		if (units > 0) {
			stock(variant, units);
		}
		return variant;
	}

	UUID productId(Product.Variant variant) {
		return TenantContext.call(this.tenant.ref(),
				() -> this.catalog.products(null, null, null, 100)
					.items()
					.stream()
					.filter((p) -> p.variants().stream().anyMatch((v) -> v.id().equals(variant.id())))
					.findFirst()
					.orElseThrow()
					.id());
	}

	void price(Market market, Product.Variant variant, String price) {
		TenantContext.run(this.tenant.ref(), () -> this.pricing.setPrices(market.id(),
				List.of(new Pricing.PriceInput(variant.id(), null, price)), TESTS));
	}

	public void stock(Product.Variant variant, int units) {
		TenantContext.run(this.tenant.ref(), () -> {
			if (this.location == null) {
				this.location = this.inventory.createLocation("main", "Main", TESTS);
			}
			this.inventory.adjust(variant.id(), this.location.id(), units, "test stock", TESTS);
		});
	}

	/** Units of a variant at a location of its own (created on first use). */
	public void stockAt(String locationHandle, Product.Variant variant, int units) {
		TenantContext.run(this.tenant.ref(), () -> {
			StockLocation at = this.inventory.locations()
				.stream()
				.filter((l) -> l.handle().equals(locationHandle))
				.findFirst()
				.orElseGet(() -> this.inventory.createLocation(locationHandle, locationHandle, TESTS));
			this.inventory.adjust(variant.id(), at.id(), units, "test stock", TESTS);
		});
	}

	/**
	 * Checkout settings of the brand (null leaves one as it is; a limit of 0 turns it
	 * off).
	 */
	void checkoutSettings(Boolean storefrontManualPayment, Integer perEmail, Integer perIp, Integer perDevice) {
		TenantContext.run(this.tenant.ref(),
				() -> this.settings.updateCheckoutSettings(new CommerceSettings.CheckoutSettingsChange(null, null,
						storefrontManualPayment, perEmail, perIp, perDevice), TESTS));
	}

	/** A flash sale's shoppers all come from this machine: no unpaid-order limits. */
	void noUnpaidOrderLimits() {
		checkoutSettings(null, 0, 0, 0);
	}

	void stripe(String apiBase) {
		TenantContext.run(this.tenant.ref(),
				() -> this.providers.configureStripe(FakeStripe.SECRET_KEY, FakeStripe.WEBHOOK_SECRET, apiBase, TESTS));
	}

	/** On hand, reserved and available of a variant, summed over locations. */
	public int[] stockOf(Product.Variant variant) {
		List<StockLevel> levels = TenantContext.call(this.tenant.ref(),
				() -> this.inventory.levels(variant.id(), null, null, 200).items());
		return new int[] { levels.stream().mapToInt(StockLevel::onHand).sum(),
				levels.stream().mapToInt(StockLevel::reserved).sum(),
				levels.stream().mapToInt(StockLevel::available).sum() };
	}

	/**
	 * Rows of SQL run against the tenant's schema (for counts the API does not offer).
	 */
	public long count(String sqlFromTenantTables) {
		try (Connection connection = TestDatabase.database("identity").connect();
				Statement statement = connection.createStatement()) {
			statement.execute("set search_path to " + this.tenant.schema().quoted());
			try (ResultSet rows = statement.executeQuery(sqlFromTenantTables)) {
				rows.next();
				return rows.getLong(1);
			}
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// ---- a shopper, over HTTP

	static String newCart(Browser shopper) {
		HttpResponse<String> created = shopper.json("POST", "/storefront/api/v1/carts", "{}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return json(created).get("token").asString();
	}

	static JsonNode add(Browser shopper, String token, String sku, int quantity, String personalization) {
		HttpResponse<String> added = shopper.json("POST", "/storefront/api/v1/carts/" + token + "/lines",
				"{\"sku\":\"" + sku + "\",\"quantity\":" + quantity
						+ ((personalization != null) ? ",\"personalization\":\"" + personalization + "\"" : "") + "}");
		assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
		return json(added);
	}

	static JsonNode details(Browser shopper, String token, String email, String country) {
		HttpResponse<String> patched = shopper.json("PATCH", "/storefront/api/v1/carts/" + token,
				"{\"email\":\"" + email + "\",\"country\":\"" + country + "\",\"shippingMethod\":\"standard\"}");
		assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
		return json(patched);
	}

	/** A cart with one line, ready to check out; returns its token. */
	public static String readyCart(Browser shopper, String sku, int quantity, String country) {
		String token = newCart(shopper);
		add(shopper, token, sku, quantity, null);
		details(shopper, token, "shopper-" + UUID.randomUUID() + "@example.com", country);
		return token;
	}

	public static HttpResponse<String> checkout(Browser shopper, String token, String provider, String paymentMethod,
			String... headers) {
		return shopper.json("POST", "/storefront/api/v1/carts/" + token + "/checkout",
				"{\"paymentProvider\":\"" + provider + "\""
						+ ((paymentMethod != null) ? ",\"paymentMethod\":\"" + paymentMethod + "\"" : "") + "}",
				headers);
	}

	public static JsonNode json(HttpResponse<String> response) {
		return Browser.JSON.readTree(response.body());
	}

	static List<String> texts(JsonNode array, String field) {
		List<String> values = new ArrayList<>();
		array.forEach((node) -> values.add(node.get(field).asString()));
		return values;
	}

}

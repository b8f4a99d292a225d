package com.atelier.infra.demo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.atelier.platform.catalog.CatalogManagement;
import com.atelier.platform.catalog.Product;
import com.atelier.platform.catalog.ProductInput;
import com.atelier.platform.catalog.ProductStatus;
import com.atelier.platform.catalog.VariantInput;
import com.atelier.platform.identity.Actor;
import com.atelier.platform.inventory.Inventory;
import com.atelier.platform.inventory.StockLocation;
import com.atelier.platform.orders.CommerceSettings;
import com.atelier.platform.money.Money;
import com.atelier.platform.money.RoundingRule;
import com.atelier.platform.pricing.Market;
import com.atelier.platform.pricing.Pricing;

/**
 * A plausible catalogue for a demo brand: about fifty products with variants, translated,
 * in three collections, priced in a base market and derived (explicit rate, per-currency
 * rounding) into three more, with stock in two locations. Deterministic per brand.
 */
final class DemoCatalog {

	private static final Actor DEMO = Actor.operator("demo");

	private static final String[][] ITEMS = { { "Silk carré", "Carré de soie", "絹のカレ", "scarves" },
			{ "Cashmere stole", "Étole en cachemire", "カシミアのストール", "scarves" },
			{ "Leather tote", "Cabas en cuir", "レザートート", "leather" },
			{ "Saddle bag", "Sac de selle", "サドルバッグ", "leather" },
			{ "Card holder", "Porte-cartes", "カードホルダー", "leather" },
			{ "Signet ring", "Chevalière", "シグネットリング", "jewellery" },
			{ "Pearl earrings", "Boucles d'oreilles perles", "パールイヤリング", "jewellery" },
			{ "Enamel bracelet", "Bracelet émail", "エナメルブレスレット", "jewellery" },
			{ "Wool overcoat", "Manteau en laine", "ウールコート", "ready-to-wear" },
			{ "Poplin shirt", "Chemise en popeline", "ポプリンシャツ", "ready-to-wear" } };

	private static final String[][] STYLES = { { "Aurore", "Aurore", "オーロラ" }, { "Minuit", "Minuit", "真夜中" },
			{ "Jardin", "Jardin", "庭" }, { "Équinoxe", "Équinoxe", "春分" }, { "Lune", "Lune", "月" } };

	private DemoCatalog() {
	}

	static void seed(String slug, String baseCurrency, String defaultLocale, CatalogManagement catalog, Pricing pricing,
			Inventory inventory, CommerceSettings commerce) {
		Random random = new Random(slug.hashCode());
		Market base = market(pricing, baseCurrency);
		List<StockLocation> locations = List.of(inventory.createLocation("atelier", "Atelier boutique", DEMO),
				inventory.createLocation("warehouse", "Online warehouse", DEMO));
		Map<String, List<UUID>> collections = new LinkedHashMap<>();
		List<Pricing.PriceInput> prices = new ArrayList<>();
		// Texts in the brand's default language; English as the translation.
		int column = defaultLocale.startsWith("ja") ? 2 : defaultLocale.startsWith("fr") ? 1 : 0;
		int n = 0;
		for (String[] style : STYLES) {
			for (String[] item : ITEMS) {
				n++;
				String handle = slugify(item[0] + "-" + style[0]);
				boolean sized = item[3].equals("ready-to-wear") || item[0].contains("ring");
				List<ProductInput.Option> options = sized
						? List.of(new ProductInput.Option("Size",
								item[0].contains("ring") ? List.of("50", "52", "54") : List.of("S", "M", "L")))
						: List.of(new ProductInput.Option("Colour", List.of("Noir", "Ivoire")));
				List<VariantInput> variants = new ArrayList<>();
				for (String value : options.get(0).values()) {
					variants.add(new VariantInput((handle + "-" + value).toUpperCase().replace('É', 'E'), null,
							List.of(value), 200 + random.nextInt(1800)));
				}
				ProductStatus status = (n % 23 == 0) ? ProductStatus.DRAFT
						: (n % 29 == 0) ? ProductStatus.ARCHIVED : ProductStatus.ACTIVE;
				String title = item[column] + " " + style[column];
				String english = item[0] + " " + style[0];
				Product product = catalog.createProduct(
						new ProductInput(handle, title, null, status, "Maison",
								Map.of("origin", "France", "line", style[0]), title, null,
								List.of(new ProductInput.Media(
										"https://images.example/" + slug + "/" + handle + ".jpg", english)),
								options, variants,
								(column == 0) ? Map.of() : Map.of("en",
										new ProductInput.Translation(english, "A " + item[0].toLowerCase()
												+ " from the " + style[0] + " line, made by hand.", null, null))),
						DEMO);
				collections.computeIfAbsent(item[3], (k) -> new ArrayList<>()).add(product.id());
				long basePrice = (150 + random.nextInt(4850)) * 100L;
				for (Product.Variant variant : product.variants()) {
					prices.add(new Pricing.PriceInput(variant.id(), null,
							Money.ofMinor(basePrice, base.currency()).amount()));
					for (StockLocation location : locations) {
						int units = random.nextInt(10) - 2;
						if (units > 0) {
							inventory.adjust(variant.id(), location.id(), units, "initial stock", DEMO);
						}
					}
				}
			}
		}
		pricing.setPrices(base.id(), prices, DEMO);
		for (String currency : List.of("EUR", "USD", "GBP", "JPY")) {
			if (!currency.equals(baseCurrency)) {
				Market market = market(pricing, currency);
				RoundingRule rounding = switch (currency) {
					case "JPY" -> new RoundingRule(Money.parse("100", market.currency()), RoundingRule.Mode.HALF_UP);
					default -> new RoundingRule(Money.parse("5", market.currency()), RoundingRule.Mode.UP);
				};
				pricing.derivePrices(market.id(), base.id(), rate(baseCurrency, currency), rounding, true, DEMO);
			}
		}
		for (Market market : pricing.markets()) {
			checkout(commerce, market);
		}
		collections
			.forEach((handle,
					products) -> catalog.setCollectionProducts(catalog
						.createCollection(handle, handle.substring(0, 1).toUpperCase() + handle.substring(1), null,
								Map.of(), DEMO)
						.id(), products, DEMO));
	}

	/** Tax rates and two shipping methods per market, so the demo can check out. */
	private static void checkout(CommerceSettings commerce, Market market) {
		switch (market.currency().code()) {
			case "EUR" -> {
				commerce.setTaxRates(market.id(),
						Map.of("FR", "0.2", "DE", "0.19", "IT", "0.22", "ES", "0.21", "BE", "0.21", "NL", "0.21"),
						DEMO);
				commerce.createShippingMethod(market.id(), "standard", "Standard delivery", "15.00", "500.00", DEMO);
				commerce.createShippingMethod(market.id(), "express", "Express courier", "35.00", null, DEMO);
			}
			case "USD" -> {
				commerce.setTaxRates(market.id(), Map.of("US", "0.08875"), DEMO);
				commerce.createShippingMethod(market.id(), "standard", "Standard delivery", "20.00", "500.00", DEMO);
				commerce.createShippingMethod(market.id(), "express", "Express courier", "45.00", null, DEMO);
			}
			case "GBP" -> {
				commerce.setTaxRates(market.id(), Map.of("GB", "0.2"), DEMO);
				commerce.createShippingMethod(market.id(), "standard", "Standard delivery", "12.00", "400.00", DEMO);
				commerce.createShippingMethod(market.id(), "express", "Express courier", "30.00", null, DEMO);
			}
			default -> {
				commerce.setTaxRates(market.id(), Map.of("JP", "0.1"), DEMO);
				commerce.createShippingMethod(market.id(), "standard", "Standard delivery", "1500", "50000", DEMO);
				commerce.createShippingMethod(market.id(), "express", "Express courier", "3500", null, DEMO);
			}
		}
	}

	private static Market market(Pricing pricing, String currency) {
		return pricing.markets()
			.stream()
			.filter((m) -> m.currency().code().equals(currency))
			.findFirst()
			.orElseGet(() -> {
				return switch (currency) {
					case "EUR" -> pricing.createMarket("eu", "Europe", "EUR",
							List.of("FR", "DE", "IT", "ES", "BE", "NL"), true, false, DEMO);
					case "USD" -> pricing.createMarket("us", "United States", "USD", List.of("US"), false, false, DEMO);
					case "GBP" -> pricing.createMarket("uk", "United Kingdom", "GBP", List.of("GB"), true, false, DEMO);
					default -> pricing.createMarket("jp", "Japan", "JPY", List.of("JP"), true, false, DEMO);
				};
			});
	}

	/**
	 * Illustrative rates, not market data: the demo derives prices explicitly from them.
	 */
	private static BigDecimal rate(String from, String to) {
		Map<String, BigDecimal> perEuro = Map.of("EUR", BigDecimal.ONE, "USD", new BigDecimal("1.08"), "GBP",
				new BigDecimal("0.86"), "JPY", new BigDecimal("162"));
		return perEuro.get(to).divide(perEuro.get(from), 10, java.math.RoundingMode.HALF_UP);
	}

	private static String slugify(String value) {
		return java.text.Normalizer.normalize(value, java.text.Normalizer.Form.NFD)
			.replaceAll("\\p{M}", "")
			.toLowerCase()
			.replaceAll("[^a-z0-9]+", "-")
			.replaceAll("(^-|-$)", "");
	}

}

package com.atelier.admin.pricing;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.atelier.admin.MoneyJson;
import com.atelier.platform.catalog.CatalogProblems;
import com.atelier.platform.catalog.Page;
import com.atelier.platform.identity.TenantTokens;
import com.atelier.platform.money.Money;
import com.atelier.platform.money.RoundingRule;
import com.atelier.platform.pricing.Market;
import com.atelier.platform.pricing.Pricing;
import com.atelier.platform.pricing.VariantPrice;
import com.atelier.platform.problem.FieldProblem;

/**
 * Markets and prices: {@code /admin/api/v1/markets}, {@code .../{id}/prices},
 * {@code .../{id}/prices/derive}.
 */
@RestController
class MarketAdminController {

	private final Pricing pricing;

	private final TenantTokens tokens;

	MarketAdminController(Pricing pricing, TenantTokens tokens) {
		this.pricing = pricing;
		this.tokens = tokens;
	}

	@GetMapping("/admin/api/v1/markets")
	MarketList markets() {
		return new MarketList(this.pricing.markets().stream().map(MarketResource::of).toList());
	}

	@PostMapping("/admin/api/v1/markets")
	ResponseEntity<MarketResource> create(@RequestBody MarketInput body, Authentication authentication) {
		Market market = this.pricing.createMarket(body.handle(), body.name(), body.currency(),
				(body.countries() != null) ? body.countries() : List.of(), Boolean.TRUE.equals(body.pricesIncludeTax()),
				Boolean.TRUE.equals(body.isDefault()), this.tokens.actor(authentication));
		return ResponseEntity.created(URI.create("/admin/api/v1/markets/" + market.id()))
			.body(MarketResource.of(market));
	}

	@GetMapping("/admin/api/v1/markets/{id}")
	MarketResource market(@PathVariable UUID id) {
		return MarketResource.of(this.pricing.market(id));
	}

	@PatchMapping("/admin/api/v1/markets/{id}")
	MarketResource update(@PathVariable UUID id, @RequestBody MarketInput body, Authentication authentication) {
		if (body.handle() != null || body.currency() != null) {
			throw CatalogProblems.Invalid.of((body.handle() != null) ? "handle" : "currency",
					"does not change; create another market");
		}
		return MarketResource.of(this.pricing.updateMarket(id, body.name(), body.countries(), body.pricesIncludeTax(),
				body.isDefault(), this.tokens.actor(authentication)));
	}

	@GetMapping("/admin/api/v1/markets/{id}/prices")
	PriceList prices(@PathVariable UUID id, @RequestParam(required = false) @Nullable String after,
			@RequestParam(defaultValue = "100") int limit) {
		Page<VariantPrice> page = this.pricing.prices(id, after, limit);
		return new PriceList(page.items().stream().map(PriceResource::of).toList(), page.next());
	}

	@PutMapping("/admin/api/v1/markets/{id}/prices")
	PriceList setPrices(@PathVariable UUID id, @RequestBody PricesInput body, Authentication authentication) {
		if (body.prices() == null) {
			throw CatalogProblems.Invalid.of("prices", "is required");
		}
		return new PriceList(this.pricing.setPrices(id, body.prices(), this.tokens.actor(authentication))
			.stream()
			.map(PriceResource::of)
			.toList(), null);
	}

	@PostMapping("/admin/api/v1/markets/{id}/prices/derive")
	PriceList derive(@PathVariable UUID id, @RequestBody DeriveInput body, Authentication authentication) {
		Market target = this.pricing.market(id);
		List<FieldProblem> problems = new java.util.ArrayList<>();
		if (body.baseMarketId() == null) {
			problems.add(new FieldProblem("baseMarketId", "is required"));
		}
		BigDecimal rate = null;
		try {
			rate = (body.rate() != null && body.rate().length() <= 40) ? new BigDecimal(body.rate()) : null;
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		if (rate == null) {
			problems.add(new FieldProblem("rate", "must be a decimal number, e.g. \"0.8612\""));
		}
		RoundingRule rounding = null;
		try {
			rounding = (body.rounding() == null) ? RoundingRule.minorUnit(target.currency())
					: new RoundingRule(Money.parse(body.rounding().increment(), target.currency()),
							RoundingRule.Mode.parse(body.rounding().mode()));
		}
		catch (RuntimeException ex) {
			problems.add(new FieldProblem("rounding",
					"needs an increment in " + target.currency() + " (e.g. \"1.00\") and a mode (UP, DOWN, HALF_UP)"));
		}
		if (!problems.isEmpty()) {
			throw new CatalogProblems.Invalid(problems);
		}
		return new PriceList(this.pricing
			.derivePrices(id, body.baseMarketId(), rate, rounding, Boolean.TRUE.equals(body.overwrite()),
					this.tokens.actor(authentication))
			.stream()
			.map(PriceResource::of)
			.toList(), null);
	}

	/**
	 * @param handle handle (creation)
	 * @param name name
	 * @param currency ISO 4217 (creation)
	 * @param countries ISO 3166 alpha-2
	 * @param pricesIncludeTax whether prices include tax
	 * @param isDefault whether it is the default market
	 */
	record MarketInput(@Nullable String handle, @Nullable String name, @Nullable String currency,
			@Nullable List<String> countries, @Nullable Boolean pricesIncludeTax, @Nullable Boolean isDefault) {
	}

	/**
	 * @param prices variant (id or SKU) and decimal amount
	 */
	record PricesInput(@Nullable List<Pricing.PriceInput> prices) {
	}

	/**
	 * @param baseMarketId the market to read prices from
	 * @param rate target currency per unit of base currency, as a decimal string
	 * @param rounding the target currency's rounding
	 * @param overwrite replace prices the market already has
	 */
	record DeriveInput(@Nullable UUID baseMarketId, @Nullable String rate, @Nullable Rounding rounding,
			@Nullable Boolean overwrite) {
	}

	/**
	 * @param increment the step, in the target currency, e.g. "1.00" or "100"
	 * @param mode UP, DOWN or HALF_UP
	 */
	record Rounding(String increment, String mode) {
	}

	/**
	 * @param items markets by handle
	 */
	record MarketList(List<MarketResource> items) {
	}

	/**
	 * @param id id
	 * @param handle handle
	 * @param name name
	 * @param currency currency
	 * @param countries countries
	 * @param pricesIncludeTax prices include tax
	 * @param isDefault default market
	 */
	record MarketResource(UUID id, String handle, String name, String currency, List<String> countries,
			boolean pricesIncludeTax, boolean isDefault) {

		static MarketResource of(Market market) {
			return new MarketResource(market.id(), market.handle(), market.name(), market.currency().code(),
					market.countries(), market.pricesIncludeTax(), market.isDefault());
		}

	}

	/**
	 * @param items prices by SKU
	 * @param next cursor of the next page
	 */
	record PriceList(List<PriceResource> items, @Nullable String next) {
	}

	/**
	 * @param variantId variant
	 * @param sku SKU
	 * @param price price
	 * @param lowest30Days lowest price of the 30 days before the last change
	 * @param reduced whether the price is below that lowest price
	 * @param updatedAt when set
	 */
	record PriceResource(UUID variantId, String sku, MoneyJson price, @Nullable MoneyJson lowest30Days, boolean reduced,
			Instant updatedAt) {

		static PriceResource of(VariantPrice price) {
			return new PriceResource(price.variantId(), price.sku(), MoneyJson.of(price.price()),
					MoneyJson.of(price.lowest30Days()), price.reduced(), price.updatedAt());
		}

	}

}

package com.atelier.admin.orders;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
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
import org.springframework.web.bind.annotation.RestController;

import com.atelier.admin.MoneyJson;
import com.atelier.platform.catalog.CatalogProblems;
import com.atelier.platform.identity.TenantTokens;
import com.atelier.platform.orders.CommerceSettings;
import com.atelier.platform.payments.PaymentProviders;

/**
 * What checkout needs besides the catalogue: tax rates and shipping methods per market
 * ({@code /admin/api/v1/markets/{id}/tax-rates}, {@code .../shipping-methods}),
 * reservation time and low-stock threshold ({@code /admin/api/v1/checkout-settings}),
 * purchase limits ({@code /admin/api/v1/products/{id}/purchase-limit}) and payment
 * providers ({@code /admin/api/v1/payment-providers}).
 */
@RestController
class CheckoutSettingsAdminController {

	private final CommerceSettings settings;

	private final PaymentProviders providers;

	private final TenantTokens tokens;

	CheckoutSettingsAdminController(CommerceSettings settings, PaymentProviders providers, TenantTokens tokens) {
		this.settings = settings;
		this.providers = providers;
		this.tokens = tokens;
	}

	@GetMapping("/admin/api/v1/markets/{id}/tax-rates")
	TaxRates taxRates(@PathVariable UUID id) {
		return new TaxRates(this.settings.taxRates(id));
	}

	@PutMapping("/admin/api/v1/markets/{id}/tax-rates")
	TaxRates setTaxRates(@PathVariable UUID id, @RequestBody TaxRatesInput body, Authentication authentication) {
		if (body.rates() == null) {
			throw CatalogProblems.Invalid.of("rates", "is required, e.g. {\"FR\": \"0.2\"}");
		}
		return new TaxRates(this.settings.setTaxRates(id, body.rates(), this.tokens.actor(authentication)));
	}

	@GetMapping("/admin/api/v1/markets/{id}/shipping-methods")
	ShippingMethods shippingMethods(@PathVariable UUID id) {
		return new ShippingMethods(this.settings.shippingMethods(id).stream().map(ShippingMethodResource::of).toList());
	}

	@PostMapping("/admin/api/v1/markets/{id}/shipping-methods")
	ResponseEntity<ShippingMethodResource> createShippingMethod(@PathVariable UUID id,
			@RequestBody ShippingMethodInput body, Authentication authentication) {
		CommerceSettings.ShippingMethod method = this.settings.createShippingMethod(id, body.handle(), body.name(),
				body.amount(), body.freeFrom(), this.tokens.actor(authentication));
		return ResponseEntity.created(URI.create("/admin/api/v1/markets/" + id + "/shipping-methods"))
			.body(ShippingMethodResource.of(method));
	}

	@GetMapping("/admin/api/v1/checkout-settings")
	CommerceSettings.CheckoutSettings checkoutSettings() {
		return this.settings.checkoutSettings();
	}

	@PatchMapping("/admin/api/v1/checkout-settings")
	CommerceSettings.CheckoutSettings updateCheckoutSettings(@RequestBody CheckoutSettingsInput body,
			Authentication authentication) {
		return this.settings
			.updateCheckoutSettings(new CommerceSettings.CheckoutSettingsChange(body.reservationMinutes(),
					body.lowStockThreshold(), body.storefrontManualPayment(), body.unpaidOrdersPerEmail(),
					body.unpaidOrdersPerIp(), body.unpaidOrdersPerDevice()), this.tokens.actor(authentication));
	}

	@PutMapping("/admin/api/v1/products/{id}/purchase-limit")
	PurchaseLimit setPurchaseLimit(@PathVariable UUID id, @RequestBody PurchaseLimit body,
			Authentication authentication) {
		this.settings.setPurchaseLimit(id, body.limit(), this.tokens.actor(authentication));
		return body;
	}

	@GetMapping("/admin/api/v1/payment-providers")
	Providers paymentProviders() {
		return new Providers(this.providers.available());
	}

	@PutMapping("/admin/api/v1/payment-providers/stripe")
	Providers configureStripe(@RequestBody StripeInput body, Authentication authentication) {
		this.providers.configureStripe(body.secretKey(), body.webhookSecret(), body.apiBase(),
				this.tokens.actor(authentication));
		return new Providers(this.providers.available());
	}

	/**
	 * @param rates ISO 3166 alpha-2 country to decimal rate ("0.2" for 20 %)
	 */
	record TaxRatesInput(@Nullable Map<String, String> rates) {
	}

	record TaxRates(Map<String, BigDecimal> rates) {
	}

	/**
	 * @param handle handle
	 * @param name name
	 * @param amount decimal in the market's currency
	 * @param freeFrom free from this subtotal, or null
	 */
	record ShippingMethodInput(@Nullable String handle, @Nullable String name, @Nullable String amount,
			@Nullable String freeFrom) {
	}

	record ShippingMethodResource(UUID id, String market, String handle, String name, MoneyJson amount,
			@Nullable MoneyJson freeFrom) {

		static ShippingMethodResource of(CommerceSettings.ShippingMethod m) {
			return new ShippingMethodResource(m.id(), m.market(), m.handle(), m.name(), MoneyJson.of(m.amount()),
					MoneyJson.of(m.freeFrom()));
		}

	}

	record ShippingMethods(List<ShippingMethodResource> items) {
	}

	/**
	 * Omitted fields stay as they are; a limit of 0 turns it off.
	 *
	 * @param reservationMinutes how long an unpaid order holds its stock
	 * @param lowStockThreshold the StockLow threshold
	 * @param storefrontManualPayment whether shoppers may choose manual payment
	 * @param unpaidOrdersPerEmail open unpaid orders per normalised e-mail address
	 * @param unpaidOrdersPerIp open unpaid orders per network address
	 * @param unpaidOrdersPerDevice open unpaid orders per device
	 */
	record CheckoutSettingsInput(@Nullable Integer reservationMinutes, @Nullable Integer lowStockThreshold,
			@Nullable Boolean storefrontManualPayment, @Nullable Integer unpaidOrdersPerEmail,
			@Nullable Integer unpaidOrdersPerIp, @Nullable Integer unpaidOrdersPerDevice) {
	}

	/**
	 * @param limit units per customer, or null for none
	 */
	record PurchaseLimit(@Nullable Integer limit) {
	}

	/**
	 * @param secretKey Stripe secret key
	 * @param webhookSecret webhook signing secret
	 * @param apiBase API base URL (tests, proxies), or null
	 */
	record StripeInput(@Nullable String secretKey, @Nullable String webhookSecret, @Nullable String apiBase) {
	}

	/**
	 * @param available providers shoppers can pay with
	 */
	record Providers(List<String> available) {
	}

}

package com.atelier.storefront.checkout;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.atelier.platform.orders.Orders;
import com.atelier.platform.payments.InvalidWebhook;
import com.atelier.platform.payments.PaymentProvider;
import com.atelier.platform.payments.PaymentProviders;
import com.atelier.platform.payments.ProviderEvent;

/**
 * Payment provider webhooks, one URL per brand and provider: {@code POST https://{brand
 * host}/storefront/api/v1/payments/stripe/webhook}. The body is verified against the
 * brand's webhook secret before anything is read from it; each event is applied once.
 */
@RestController
class PaymentWebhookController {

	private static final int MAX_BODY = 512 * 1024;

	private final PaymentProviders providers;

	private final Orders orders;

	PaymentWebhookController(PaymentProviders providers, Orders orders) {
		this.providers = providers;
		this.orders = orders;
	}

	@PostMapping("/storefront/api/v1/payments/{provider}/webhook")
	Map<String, Object> receive(@PathVariable String provider, @RequestBody byte[] body, HttpServletRequest request) {
		if (body.length > MAX_BODY) {
			throw new InvalidWebhook("The webhook body is too large.");
		}
		PaymentProvider payments = this.providers.provider(provider);
		Map<String, String> headers = new LinkedHashMap<>();
		for (String name : Collections.list(request.getHeaderNames())) {
			headers.put(name.toLowerCase(Locale.ROOT), request.getHeader(name));
		}
		ProviderEvent event = payments.verifyWebhook(new String(body, StandardCharsets.UTF_8), headers);
		boolean fresh = this.orders.applyProviderEvent(payments.name(), event);
		return Map.of("received", true, "duplicate", !fresh);
	}

}

package com.atelier.storefront.checkout;

import java.net.URI;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.atelier.platform.catalog.CatalogProblems;
import com.atelier.platform.orders.Carts;
import com.atelier.platform.orders.Checkout;
import com.atelier.platform.orders.CheckoutResult;
import com.atelier.platform.orders.CommerceSettings;
import com.atelier.platform.orders.OrderProblems;
import com.atelier.platform.problem.ProblemException;
import com.atelier.platform.problem.Problems;
import com.atelier.storefront.checkout.CheckoutJson.CartJson;
import com.atelier.storefront.checkout.CheckoutJson.CheckoutJsonBody;
import com.atelier.storefront.checkout.CheckoutJson.OrderJson;
import com.atelier.storefront.checkout.CheckoutJson.ShippingMethodJson;
import com.atelier.storefront.checkout.CheckoutJson.ShippingMethodsJson;

/**
 * Carts and checkout: {@code /storefront/api/v1/carts}. A cart is addressed by the token
 * returned when it is created (keep it secret: it is the cart). Signed-in shoppers get
 * their own cart, merged with the one they filled before signing in, from
 * {@code POST /storefront/api/v1/customers/me/cart}.
 */
@RestController
class CartController {

	static final String MARKET_HEADER = "X-Atelier-Market";

	/**
	 * The device a checkout comes from, as the brand's front end names it (for example a
	 * random id it keeps in the browser's storage): unpaid orders are limited per device
	 * as well as per e-mail and network address (ADR 30).
	 */
	static final String DEVICE_HEADER = "X-Atelier-Device";

	private static final java.util.regex.Pattern DEVICE = java.util.regex.Pattern.compile("^[\\x21-\\x7e]{8,128}$");

	private final Carts carts;

	private final Checkout checkout;

	private final CommerceSettings settings;

	CartController(Carts carts, Checkout checkout, CommerceSettings settings) {
		this.carts = carts;
		this.checkout = checkout;
		this.settings = settings;
	}

	@PostMapping("/storefront/api/v1/carts")
	ResponseEntity<CartJson> create(@RequestBody(required = false) @Nullable NewCart body,
			@RequestHeader(name = MARKET_HEADER, required = false) @Nullable String marketHeader) {
		String market = (body != null && body.market() != null) ? body.market() : marketHeader;
		CartJson cart = CartJson.of(this.carts.create(market));
		return ResponseEntity.created(URI.create("/storefront/api/v1/carts/" + cart.token())).body(cart);
	}

	@GetMapping("/storefront/api/v1/carts/{token}")
	CartJson get(@PathVariable String token) {
		return CartJson.of(this.carts.get(token));
	}

	@PatchMapping("/storefront/api/v1/carts/{token}")
	CartJson update(@PathVariable String token, @RequestBody CartChanges body) {
		return CartJson.of(this.carts.update(token, body.email(), body.country(), body.shippingMethod()));
	}

	@PostMapping("/storefront/api/v1/carts/{token}/lines")
	ResponseEntity<CartJson> addLine(@PathVariable String token, @RequestBody NewLine body) {
		if (body.quantity() == null) {
			throw CatalogProblems.Invalid.of("quantity", "is required");
		}
		return ResponseEntity.status(201)
			.body(CartJson
				.of(this.carts.addLine(token, body.variantId(), body.sku(), body.quantity(), body.personalization())));
	}

	@PatchMapping("/storefront/api/v1/carts/{token}/lines/{lineId}")
	CartJson setQuantity(@PathVariable String token, @PathVariable UUID lineId, @RequestBody LineChange body) {
		if (body.quantity() == null) {
			throw CatalogProblems.Invalid.of("quantity", "is required");
		}
		return CartJson.of(this.carts.setQuantity(token, lineId, body.quantity()));
	}

	@DeleteMapping("/storefront/api/v1/carts/{token}/lines/{lineId}")
	CartJson removeLine(@PathVariable String token, @PathVariable UUID lineId) {
		return CartJson.of(this.carts.setQuantity(token, lineId, 0));
	}

	@PostMapping("/storefront/api/v1/carts/{token}/checkout")
	ResponseEntity<?> checkout(@PathVariable String token, @RequestBody CheckoutRequest body,
			@Nullable Authentication authentication, HttpServletRequest request,
			@RequestHeader(name = DEVICE_HEADER, required = false) @Nullable String device) {
		CheckoutResult result;
		try {
			if (device != null && !DEVICE.matcher(device).matches()) {
				throw CatalogProblems.Invalid.of(DEVICE_HEADER, "must be 8 to 128 visible ASCII characters");
			}
			result = this.checkout.checkout(token, Shoppers.customerId(authentication), body.paymentProvider(),
					body.paymentMethod(), Checkout.Origin.storefront(request.getRemoteAddr(), device));
		}
		catch (ProblemException ex) {
			// The same answer the problem advice gives, given here: in a sale most
			// checkouts are refused (sold out), and an exception thrown out of the
			// controller costs a reflective wrapper with its stack trace plus the search
			// for its handler, about a quarter of a refused checkout's CPU.
			ResponseEntity<org.springframework.http.ProblemDetail> problem = Problems.response(Problems.of(ex));
			if (ex instanceof OrderProblems.UnpaidOrderLimit limit) {
				return ResponseEntity.status(problem.getStatusCode())
					.headers(problem.getHeaders())
					.header("Retry-After", String.valueOf(limit.retryAfterSeconds()))
					.body(problem.getBody());
			}
			return problem;
		}
		OrderJson order = OrderJson.of(result.order());
		return ResponseEntity.created(URI.create("/storefront/api/v1/customers/me/orders/" + order.id()))
			.body(new CheckoutJsonBody(order, result.clientSecret()));
	}

	@PostMapping("/storefront/api/v1/customers/me/cart")
	CartJson claim(@RequestBody(required = false) @Nullable Claim body, Authentication authentication) {
		UUID customer = Shoppers.customerId(authentication);
		if (customer == null) {
			throw new IllegalStateException("customer endpoint reached without a customer");
		}
		return CartJson.of(this.carts.claim(customer, (body != null) ? body.cartToken() : null));
	}

	@GetMapping("/storefront/api/v1/shipping-methods")
	ShippingMethodsJson shippingMethods(@RequestParam(required = false) @Nullable String market,
			@RequestHeader(name = MARKET_HEADER, required = false) @Nullable String marketHeader) {
		var methods = this.settings.shippingMethodsOf((market != null) ? market : marketHeader);
		String handle = methods.isEmpty() ? ((market != null) ? market : (marketHeader != null) ? marketHeader : "")
				: methods.get(0).market();
		return new ShippingMethodsJson(handle, methods.stream().map(ShippingMethodJson::of).toList());
	}

	/**
	 * @param market a market handle; default market otherwise
	 */
	record NewCart(@Nullable String market) {
	}

	/**
	 * @param email email
	 * @param country ISO 3166 alpha-2
	 * @param shippingMethod shipping method handle
	 */
	record CartChanges(@Nullable String email, @Nullable String country, @Nullable String shippingMethod) {
	}

	/**
	 * @param variantId variant id, or
	 * @param sku SKU
	 * @param quantity units
	 * @param personalization engraving etc.
	 */
	record NewLine(@Nullable UUID variantId, @Nullable String sku, @Nullable Integer quantity,
			@Nullable String personalization) {
	}

	/**
	 * @param quantity units, 0 removes the line
	 */
	record LineChange(@Nullable Integer quantity) {
	}

	/**
	 * @param paymentProvider {@code manual} or {@code stripe}
	 * @param paymentMethod the provider's payment method token (Stripe {@code pm_...})
	 */
	record CheckoutRequest(@Nullable String paymentProvider, @Nullable String paymentMethod) {
	}

	/**
	 * @param cartToken the cart filled before signing in, to merge
	 */
	record Claim(@Nullable String cartToken) {
	}

}

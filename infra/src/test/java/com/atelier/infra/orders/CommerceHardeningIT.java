package com.atelier.infra.orders;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import com.atelier.infra.identity.Browser;
import com.atelier.platform.catalog.Product;
import com.atelier.platform.pricing.Market;
import com.atelier.platform.tenancy.Tenant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a hostile shopper or a careless staff member must not be able to do to a brand's
 * orders, stock and money (issue 12): overflowing amounts, bypassing purchase limits,
 * holding a limited piece with unpaid orders, cancelling a captured order without the
 * permission to refund.
 */
class CommerceHardeningIT extends CommerceTestSupport {

	@Test
	void a_price_times_a_quantity_too_large_for_an_amount_is_refused_and_changes_nothing() {
		Tenant brand = brand("overflow");
		Commerce shop = commerce(brand);
		Market eu = shop.market("eu", "EUR", true, false, "FR", "0.2", "0.00");
		Product.Variant jewel = shop.variant("jewel", eu, "40000000000000000.00", 5);
		Browser shopper = browser(brand);
		String token = Commerce.newCart(shopper);

		HttpResponse<String> refused = shopper.json("POST", "/storefront/api/v1/carts/" + token + "/lines",
				"{\"sku\":\"" + jewel.sku() + "\",\"quantity\":999}");

		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
		assertThat(Commerce.json(refused).get("type").asString()).isEqualTo("urn:atelier:problem:amount-too-large");
		assertThat(refused.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(Commerce.json(shopper.get("/storefront/api/v1/carts/" + token)).get("lines")).isEmpty();
		assertThat(shop.count("select count(*) from cart_lines")).isZero();
	}

}

package com.atelier.infra.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.atelier.platform.catalog.CatalogManagement;
import com.atelier.platform.catalog.Product;
import com.atelier.platform.catalog.ProductStatus;
import com.atelier.platform.identity.Actor;
import com.atelier.platform.orders.Cart;
import com.atelier.platform.orders.Carts;
import com.atelier.platform.orders.Checkout;
import com.atelier.platform.orders.Order;
import com.atelier.platform.orders.Orders;
import com.atelier.platform.problem.ProblemException;

/**
 * A morning of shop activity for a demo brand, through the same services the storefront
 * and the admin console use, so that reports, the order list and the funnel show
 * something: paid orders in each market (some customers twice), one shipped, one partly
 * refunded, one awaiting its bank transfer, one cancelled, and an abandoned cart.
 */
final class DemoOrders {

	private static final Logger log = LoggerFactory.getLogger(DemoOrders.class);

	private static final Actor DEMO = Actor.operator("demo");

	/** Market handle and a country it ships to. */
	private static final Map<String, String> COUNTRIES = Map.of("eu", "FR", "us", "US", "uk", "GB", "jp", "JP");

	private DemoOrders() {
	}

	static int seed(String slug, CatalogManagement catalog, Carts carts, Checkout checkout, Orders orders) {
		Random random = new Random(slug.hashCode() * 31L);
		List<String> skus = new ArrayList<>();
		for (Product product : catalog.products(ProductStatus.ACTIVE, null, null, 100).items()) {
			for (Product.Variant variant : product.variants()) {
				skus.add(variant.sku());
			}
		}
		if (skus.isEmpty()) {
			return 0;
		}
		List<Order> placed = new ArrayList<>();
		String[] customers = { "ines", "hugo", "mei", "olivia", "kenji", "amara", "leo", "sofia" };
		int i = 0;
		for (String market : List.of("eu", "eu", "eu", "us", "uk", "jp", "eu", "us", "jp", "eu")) {
			String email = customers[i++ % customers.length] + "@example.com";
			try {
				Cart cart = carts.create(market);
				String token = cart.token();
				carts.addLine(token, null, skus.get(random.nextInt(skus.size())), 1, null);
				if (random.nextBoolean()) {
					carts.addLine(token, null, skus.get(random.nextInt(skus.size())), 1, null);
				}
				carts.update(token, email, COUNTRIES.get(market), "standard");
				placed.add(checkout.checkout(token, null, "manual", null).order());
			}
			catch (ProblemException ex) {
				// A variant out of stock or not sold in this market: the demo moves on.
				log.debug("Demo order skipped: {}", ex.getMessage());
			}
		}
		for (int n = 0; n < placed.size(); n++) {
			Order order = placed.get(n);
			if (n == placed.size() - 1) {
				continue; // awaiting its bank transfer
			}
			if (n == placed.size() - 2) {
				orders.cancel(order.id(), "customer changed her mind", DEMO);
				continue;
			}
			Order paid = orders.capture(order.id(), DEMO);
			if (n == 0) {
				orders.fulfill(paid.id(), List.of(), "DHL", "JD014600006281", DEMO);
			}
			if (n == 1) {
				String half = paid.lines().get(0).subtotal().currency().exponent() == 0 ? "1000" : "10.00";
				orders.refund(paid.id(), half, "alteration refused", DEMO);
			}
		}
		try {
			Cart abandoned = carts.create("eu");
			carts.addLine(abandoned.token(), null, skus.get(0), 1, null);
		}
		catch (ProblemException ex) {
			log.debug("Demo cart skipped: {}", ex.getMessage());
		}
		return placed.size();
	}

}

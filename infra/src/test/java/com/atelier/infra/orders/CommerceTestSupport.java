package com.atelier.infra.orders;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.beans.factory.annotation.Autowired;

import com.atelier.infra.identity.IdentityTestSupport;
import com.atelier.platform.catalog.CatalogManagement;
import com.atelier.platform.inventory.Inventory;
import com.atelier.platform.orders.CommerceSettings;
import com.atelier.platform.payments.PaymentProviders;
import com.atelier.platform.pricing.Pricing;
import com.atelier.platform.tenancy.Tenant;

/**
 * The application with the services a brand sells through, and a fake Stripe server for
 * the test class.
 */
public abstract class CommerceTestSupport extends IdentityTestSupport {

	static FakeStripe stripe;

	@Autowired
	CatalogManagement catalog;

	@Autowired
	Pricing pricing;

	@Autowired
	Inventory inventory;

	@Autowired
	CommerceSettings settings;

	@Autowired
	PaymentProviders providers;

	@BeforeAll
	static void startStripe() throws Exception {
		stripe = new FakeStripe();
	}

	@AfterAll
	static void stopStripe() {
		stripe.close();
	}

	protected Commerce commerce(Tenant tenant) {
		return new Commerce(tenant, this.catalog, this.pricing, this.inventory, this.settings, this.providers);
	}

}

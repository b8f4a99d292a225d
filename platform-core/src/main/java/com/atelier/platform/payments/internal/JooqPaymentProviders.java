package com.atelier.platform.payments.internal;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.atelier.platform.catalog.CatalogProblems;
import com.atelier.platform.identity.Actor;
import com.atelier.platform.identity.AuditLog;
import com.atelier.platform.identity.SecretBox;
import com.atelier.platform.payments.PaymentProvider;
import com.atelier.platform.payments.PaymentProviders;
import com.atelier.platform.payments.ProviderNotConfigured;
import com.atelier.platform.problem.FieldProblem;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantDsl;
import com.atelier.platform.jooq.tenant_template.tables.records.PaymentSettingsRecord;

import static com.atelier.platform.jooq.tenant_template.Tables.PAYMENT_SETTINGS;

/**
 * Providers per tenant. Stripe keys live in the tenant's {@code payment_settings}, sealed
 * under the master key; a configured client is kept for a minute per tenant (a change
 * made on another node is seen within that minute; on this node at once).
 */
@Service
class JooqPaymentProviders implements PaymentProviders {

	static final String STRIPE = "stripe";

	private static final String DEFAULT_STRIPE_BASE = StripeEgress.STRIPE_API;

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JooqPaymentProviders.class);

	private final StripeEgress egress;

	private final TenantDsl db;

	private final SecretBox secrets;

	private final AuditLog audit;

	private final Duration timeout;

	private final PaymentProvider manual = new ManualPaymentProvider();

	private final Cache<String, PaymentProvider> stripeByTenant = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterWrite(Duration.ofMinutes(1))
		.build();

	JooqPaymentProviders(TenantDsl db, SecretBox secrets, AuditLog audit,
			@Value("${atelier.payments.timeout:20s}") Duration timeout,
			@Value("${atelier.payments.stripe.allowed-api-bases:}") List<String> allowedApiBases) {
		this.egress = new StripeEgress(allowedApiBases);
		this.db = db;
		this.secrets = secrets;
		this.audit = audit;
		this.timeout = timeout;
	}

	@Override
	public PaymentProvider provider(String name) {
		if (ManualPaymentProvider.NAME.equals(name)) {
			return this.manual;
		}
		if (STRIPE.equals(name)) {
			String tenant = TenantContext.require().id().value().toString();
			PaymentProvider stripe = this.stripeByTenant.get(tenant, (t) -> loadStripe());
			if (stripe != null) {
				return stripe;
			}
			throw new ProviderNotConfigured("This brand does not take card payments through Stripe yet.");
		}
		throw new ProviderNotConfigured(
				"There is no payment provider '" + abbreviate(name) + "'; use one of " + available() + ".");
	}

	private @Nullable PaymentProvider loadStripe() {
		PaymentSettingsRecord settings = this.db.dsl().fetchOne(PAYMENT_SETTINGS, PAYMENT_SETTINGS.PROVIDER.eq(STRIPE));
		if (settings == null || settings.getSecretKeyEnc() == null || settings.getWebhookSecretEnc() == null) {
			return null;
		}
		String base = (settings.getApiBase() != null) ? settings.getApiBase() : DEFAULT_STRIPE_BASE;
		if (!this.egress.permits(base)) {
			// Saved before the allow-list, or the operator has since removed it.
			log.warn("Stripe of tenant {} points at an API base that is not allowed; not used",
					TenantContext.require().id().value());
			return null;
		}
		return new StripePaymentProvider(this.secrets.open(settings.getSecretKeyEnc(), "payments/stripe/secret-key"),
				this.secrets.open(settings.getWebhookSecretEnc(), "payments/stripe/webhook-secret"), base, this.timeout,
				this.egress);
	}

	@Override
	public List<String> available() {
		List<String> names = new ArrayList<>(List.of(ManualPaymentProvider.NAME));
		if (this.db.dsl()
			.fetchExists(PAYMENT_SETTINGS, PAYMENT_SETTINGS.PROVIDER.eq(STRIPE),
					PAYMENT_SETTINGS.SECRET_KEY_ENC.isNotNull())) {
			names.add(STRIPE);
		}
		return names;
	}

	@Override
	@Transactional
	public void configureStripe(String secretKey, String webhookSecret, @Nullable String apiBase, Actor actor) {
		List<FieldProblem> problems = new ArrayList<>();
		if (secretKey == null || !secretKey.matches("^(sk|rk)_(test|live)_[A-Za-z0-9]{8,250}$")) {
			problems.add(new FieldProblem("secretKey", "must be a Stripe secret key (sk_test_... or sk_live_...)"));
		}
		if (webhookSecret == null || !webhookSecret.matches("^whsec_[A-Za-z0-9+/=]{8,250}$")) {
			problems.add(new FieldProblem("webhookSecret", "must be a Stripe webhook signing secret (whsec_...)"));
		}
		if (apiBase != null && !this.egress.permits(apiBase)) {
			problems.add(new FieldProblem("apiBase", "must be Stripe's API (" + DEFAULT_STRIPE_BASE
					+ ", the default); another host only where the platform's operators allow it"));
		}
		if (!problems.isEmpty()) {
			throw new CatalogProblems.Invalid(problems);
		}
		boolean existed = this.db.dsl().fetchExists(PAYMENT_SETTINGS, PAYMENT_SETTINGS.PROVIDER.eq(STRIPE));
		String sealedKey = this.secrets.seal(secretKey, "payments/stripe/secret-key");
		String sealedWebhookSecret = this.secrets.seal(webhookSecret, "payments/stripe/webhook-secret");
		this.db.dsl()
			.insertInto(PAYMENT_SETTINGS)
			.set(PAYMENT_SETTINGS.PROVIDER, STRIPE)
			.set(PAYMENT_SETTINGS.SECRET_KEY_ENC, sealedKey)
			.set(PAYMENT_SETTINGS.WEBHOOK_SECRET_ENC, sealedWebhookSecret)
			.set(PAYMENT_SETTINGS.API_BASE, apiBase)
			.set(PAYMENT_SETTINGS.UPDATED_AT, OffsetDateTime.now())
			.onConflict(PAYMENT_SETTINGS.PROVIDER)
			.doUpdate()
			.set(PAYMENT_SETTINGS.SECRET_KEY_ENC, sealedKey)
			.set(PAYMENT_SETTINGS.WEBHOOK_SECRET_ENC, sealedWebhookSecret)
			.set(PAYMENT_SETTINGS.API_BASE, apiBase)
			.set(PAYMENT_SETTINGS.UPDATED_AT, OffsetDateTime.now())
			.execute();
		this.stripeByTenant.invalidate(TenantContext.require().id().value().toString());
		String mode = secretKey.contains("_live_") ? "live" : "test";
		this.audit.record(actor, existed ? "payments.stripe.updated" : "payments.stripe.configured", "payment-provider",
				STRIPE, null, Map.of("mode", mode, "apiBase", (apiBase != null) ? apiBase : DEFAULT_STRIPE_BASE));
	}

	private static String abbreviate(String text) {
		return (text.length() <= 40) ? text : text.substring(0, 40) + "...";
	}

}

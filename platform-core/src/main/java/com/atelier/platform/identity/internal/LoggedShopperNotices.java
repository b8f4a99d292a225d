package com.atelier.platform.identity.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.atelier.platform.identity.ShopperNotices;
import com.atelier.platform.tenancy.TenantRef;

/**
 * Shopper notices while Atelier sends no email: written to the log with
 * {@code atelier.identity.log-verification-tokens=true} (development), otherwise only
 * counted at debug level without the address or token.
 */
@Component
class LoggedShopperNotices implements ShopperNotices {

	private static final Logger log = LoggerFactory.getLogger(LoggedShopperNotices.class);

	private final boolean logNotices;

	LoggedShopperNotices(@Value("${atelier.identity.log-verification-tokens:false}") boolean logNotices) {
		this.logNotices = logNotices;
	}

	@Override
	public void verifyEmail(TenantRef tenant, String email, String token) {
		if (this.logNotices) {
			log.info("Email verification for {} at {}: POST /storefront/api/v1/customers/verify"
					+ " {{\"token\":\"{}\"}}", email, tenant.slug(), token);
		}
		else {
			log.debug("Email verification notice at {} (no mail is sent yet)", tenant.slug());
		}
	}

	@Override
	public void accountExists(TenantRef tenant, String email) {
		if (this.logNotices) {
			log.info("Sign-up notice for {} at {}: someone tried to create an account with this address, which"
					+ " already has one; sign in instead", email, tenant.slug());
		}
		else {
			log.debug("Sign-up notice for an existing address at {} (no mail is sent yet)", tenant.slug());
		}
	}

}

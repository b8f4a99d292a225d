package com.atelier.platform.identity.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

import com.atelier.platform.identity.AtelierClaims;
import com.atelier.platform.identity.Audience;
import com.atelier.platform.identity.PrincipalType;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantDsl;
import com.atelier.platform.tenancy.TenantRef;

import static com.atelier.platform.jooq.tenant_template.Tables.CUSTOMERS;
import static com.atelier.platform.jooq.tenant_template.Tables.STAFF_USERS;

/**
 * Adds Atelier's claims to every token: {@code tenant} (the tenant's id) and
 * {@code principal_type}; access tokens get the client's audience ({@code admin} or
 * {@code storefront}). Before every issuance (a refresh too) the principal must exist in
 * this tenant's schema as the kind the client serves: an active staff member for the
 * admin console, a verified customer for the storefront. So a shopper never gets an admin
 * token, a principal of another brand never gets one here, and a disabled member cannot
 * refresh.
 */
final class AtelierTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

	private final TenantDsl db;

	AtelierTokenCustomizer(TenantDsl db) {
		this.db = db;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		TenantRef tenant = TenantContext.require();
		RegisteredClient client = context.getRegisteredClient();
		String audience = client.getClientSettings().getSetting(IdentitySettings.AUDIENCE);
		PrincipalType type = principalType(context, audience);
		context.getClaims().claim(AtelierClaims.TENANT, tenant.id().toString());
		context.getClaims().claim(AtelierClaims.PRINCIPAL_TYPE, type.claim());
		if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType()) && audience != null) {
			// A mutable list: the claims are stored as JSON with type information, and
			// the
			// authorization server's deserializer only admits well-known collection
			// types.
			context.getClaims().audience(new ArrayList<>(List.of(audience)));
		}
	}

	private PrincipalType principalType(JwtEncodingContext context, String audience) {
		if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
			return PrincipalType.CLIENT;
		}
		Authentication principal = context.getPrincipal();
		UUID id;
		try {
			id = UUID.fromString(principal.getName());
		}
		catch (IllegalArgumentException ex) {
			throw refused("The signed-in principal is not an account of this brand");
		}
		if (Audience.ADMIN.value().equals(audience)) {
			boolean active = this.db.dsl()
				.fetchExists(STAFF_USERS, STAFF_USERS.ID.eq(id).and(STAFF_USERS.STATUS.eq("ACTIVE")));
			if (!active) {
				throw refused("This client is for active staff accounts of this brand");
			}
			return PrincipalType.STAFF;
		}
		boolean customer = this.db.dsl()
			.fetchExists(CUSTOMERS, CUSTOMERS.ID.eq(id).and(CUSTOMERS.EMAIL_VERIFIED.isTrue()));
		if (!customer) {
			throw refused("This client is for customer accounts of this brand");
		}
		return PrincipalType.CUSTOMER;
	}

	static OAuth2AuthenticationException refused(String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.ACCESS_DENIED, description, null));
	}

}

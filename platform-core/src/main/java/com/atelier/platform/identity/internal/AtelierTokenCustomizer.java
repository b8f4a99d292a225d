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
 * Makes access tokens what the APIs accept: JOSE header {@code typ: at+jwt} (RFC 9068),
 * Atelier's claims {@code tenant} (the tenant's id) and {@code principal_type}, and the
 * audience of the client's API ({@link Audience#value()}). ID tokens get none of these:
 * no API accepts them (ADR 25). Before every issuance (a refresh too) the principal must
 * exist in this tenant's schema as the kind the client serves: an active staff member for
 * the admin console, a verified customer for the storefront. So a shopper never gets an
 * admin token, a principal of another brand never gets one here, and a disabled member
 * cannot refresh.
 */
final class AtelierTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

	/** The JOSE {@code typ} of Atelier's access tokens (RFC 9068). */
	static final String ACCESS_TOKEN_TYPE = "at+jwt";

	private final TenantDsl db;

	AtelierTokenCustomizer(TenantDsl db) {
		this.db = db;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			// ID tokens keep the standard claims (their audience is the client id) and
			// carry none of the claims the APIs authorize with.
			return;
		}
		TenantRef tenant = TenantContext.require();
		RegisteredClient client = context.getRegisteredClient();
		String setting = client.getClientSettings().getSetting(IdentitySettings.AUDIENCE);
		Audience audience = (setting != null) ? Audience.fromSetting(setting).orElse(null) : null;
		if (audience == null || audience.value().equals(client.getClientId())) {
			throw refused("This client is not registered for an Atelier API");
		}
		PrincipalType type = principalType(context, audience);
		context.getJwsHeader().type(ACCESS_TOKEN_TYPE);
		context.getClaims().claim(AtelierClaims.TENANT, tenant.id().toString());
		context.getClaims().claim(AtelierClaims.PRINCIPAL_TYPE, type.claim());
		// A mutable list: the claims are stored as JSON with type information, and the
		// authorization server's deserializer only admits well-known collection types.
		context.getClaims().audience(new ArrayList<>(List.of(audience.value())));
	}

	private PrincipalType principalType(JwtEncodingContext context, Audience audience) {
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
		if (audience == Audience.ADMIN) {
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

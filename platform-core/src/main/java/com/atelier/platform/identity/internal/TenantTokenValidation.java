package com.atelier.platform.identity.internal;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import com.atelier.platform.identity.Actor;
import com.atelier.platform.identity.AtelierClaims;
import com.atelier.platform.identity.Audience;
import com.atelier.platform.identity.Integration;
import com.atelier.platform.identity.Integrations;
import com.atelier.platform.identity.Permission;
import com.atelier.platform.identity.PrincipalType;
import com.atelier.platform.identity.Staff;
import com.atelier.platform.identity.StaffMember;
import com.atelier.platform.identity.TenantTokens;
import com.atelier.platform.outage.DatabaseOutages;
import com.atelier.platform.problem.ProblemException;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantDsl;
import com.atelier.platform.tenancy.TenantRef;
import com.atelier.platform.tenancy.TenantResolver;

/**
 * Validates access tokens against the request's tenant: JOSE type {@code at+jwt} (RFC
 * 9068: never an ID token), RS256 only, signed by one of the tenant's published keys;
 * {@code exp} required and respected (with a small clock skew), {@code nbf} respected;
 * the issuer's host is one of the tenant's hosts (exact match through the directory,
 * never a suffix); the {@code tenant} claim is the tenant's id; the audience is the
 * API's. One decoder per tenant and audience, cached.
 */
final class TenantTokenValidation implements TenantTokens {

	/** Authority every shopper token carries. */
	static final String CUSTOMER_AUTHORITY = "customer";

	private final TenantKeyRing ring;

	private final TenantDsl db;

	private final TenantResolver resolver;

	private final Duration clockSkew;

	private final Staff staff;

	private final Integrations integrations;

	private final PrincipalCache principals;

	private final Cache<String, JwtDecoder> decoders = Caffeine.newBuilder().maximumSize(20_000).build();

	TenantTokenValidation(TenantKeyRing ring, TenantDsl db, TenantResolver resolver, Duration clockSkew, Staff staff,
			Integrations integrations, PrincipalCache principals) {
		this.ring = ring;
		this.db = db;
		this.resolver = resolver;
		this.clockSkew = clockSkew;
		this.staff = staff;
		this.integrations = integrations;
		this.principals = principals;
	}

	@Override
	public JwtDecoder decoder(Audience audience) {
		return decoder(Set.of(audience));
	}

	/**
	 * Accepts a token for any of the audiences (the authorization server's own
	 * endpoints).
	 */
	JwtDecoder decoder(Set<Audience> audiences) {
		String key = audiences.stream().map(Audience::value).sorted().toList().toString();
		return (token) -> {
			TenantRef tenant = TenantContext.require();
			return this.decoders.get(tenant.id() + "/" + key, (k) -> build(tenant, audiences)).decode(token);
		};
	}

	private JwtDecoder build(TenantRef tenant, Set<Audience> audiences) {
		JWKSource<SecurityContext> keys = (selector, context) -> {
			try {
				return selector.select(this.ring.keys(tenant.id(), this.db.dsl()).published());
			}
			catch (RuntimeException ex) {
				if (DatabaseOutages.isOutage(ex)) {
					// A key source failure, not a bad token: the decoder then fails the
					// request (503, ADR 31) instead of answering 401.
					throw new KeySourceException("The brand's keys cannot be read now", ex);
				}
				throw ex;
			}
		};
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
		// Access tokens only (RFC 9068): an ID token or any other JWT the tenant's keys
		// signed has another type, or none.
		processor.setJWSTypeVerifier(
				new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType(AtelierTokenCustomizer.ACCESS_TOKEN_TYPE),
						new JOSEObjectType("application/at+jwt")));
		// Claims are checked by the validators below, with Atelier's rules.
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(expiresAt(),
				new JwtTimestampValidator(this.clockSkew), issuer(tenant), tenantClaim(tenant), audience(audiences)));
		return decoder;
	}

	private static OAuth2TokenValidator<Jwt> expiresAt() {
		return (jwt) -> (jwt.getExpiresAt() != null) ? OAuth2TokenValidatorResult.success()
				: failure("The token has no expiry");
	}

	private OAuth2TokenValidator<Jwt> issuer(TenantRef tenant) {
		return (jwt) -> {
			String issuer = jwt.getClaimAsString("iss");
			if (issuer == null) {
				return failure("The token has no issuer");
			}
			try {
				URI uri = URI.create(issuer);
				if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
					return failure("The token's issuer is not a URL");
				}
				Tenant owner = this.resolver.resolve(uri.getHost());
				return owner.id().equals(tenant.id()) ? OAuth2TokenValidatorResult.success()
						: failure("The token was issued for another brand");
			}
			catch (IllegalArgumentException | ProblemException ex) {
				return failure("The token's issuer is not this brand");
			}
		};
	}

	private static OAuth2TokenValidator<Jwt> tenantClaim(TenantRef tenant) {
		return (jwt) -> tenant.id().toString().equals(jwt.getClaimAsString(AtelierClaims.TENANT))
				? OAuth2TokenValidatorResult.success() : failure("The token belongs to another brand");
	}

	private static OAuth2TokenValidator<Jwt> audience(Set<Audience> audiences) {
		return (jwt) -> {
			List<String> aud = jwt.getAudience();
			boolean ok = aud != null && audiences.stream().anyMatch((a) -> aud.contains(a.value()));
			return ok ? OAuth2TokenValidatorResult.success() : failure("The token is not for this API");
		};
	}

	private static OAuth2TokenValidatorResult failure(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
	}

	@Override
	public Converter<Jwt, AbstractAuthenticationToken> authentication() {
		return (jwt) -> {
			PrincipalType type = principalType(jwt);
			Collection<GrantedAuthority> authorities = new ArrayList<>();
			authorities.add(new SimpleGrantedAuthority("principal:" + type.claim()));
			switch (type) {
				case STAFF -> {
					UUID id = uuid(jwt.getSubject());
					StaffMember member = this.principals.staff(id, () -> this.staff.find(id))
						.filter(StaffMember::active)
						.orElseThrow(() -> new InvalidBearerTokenException("The staff account is disabled or removed"));
					// What the role allows and the token was granted, never more (a token
					// asked for orders:read does not write the catalogue).
					List<String> granted = jwt.getClaimAsStringList("scope");
					member.role()
						.permissions()
						.stream()
						.filter((p) -> granted != null && granted.contains(p.scope()))
						.forEach((p) -> authorities.add(new SimpleGrantedAuthority(p.scope())));
				}
				case CLIENT -> {
					String clientId = jwt.getSubject();
					Integration integration = this.principals.client(clientId, () -> this.integrations.find(clientId))
						.filter(Integration::active)
						.orElseThrow(() -> new InvalidBearerTokenException("The integration has been revoked"));
					List<String> scopes = jwt.getClaimAsStringList("scope");
					if (scopes != null) {
						for (String scope : scopes) {
							Permission.fromScope(scope)
								.filter(integration.scopes()::contains)
								.ifPresent((p) -> authorities.add(new SimpleGrantedAuthority(p.scope())));
						}
					}
				}
				case CUSTOMER -> authorities.add(new SimpleGrantedAuthority(CUSTOMER_AUTHORITY));
			}
			return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
		};
	}

	@Override
	public Actor actor(Authentication authentication) {
		if (!(authentication instanceof JwtAuthenticationToken token)) {
			throw new InvalidBearerTokenException("Not a bearer token");
		}
		Jwt jwt = token.getToken();
		return switch (principalType(jwt)) {
			case STAFF -> {
				UUID id = uuid(jwt.getSubject());
				yield new Actor(Actor.Type.STAFF, id.toString(),
						this.principals.staff(id, () -> this.staff.find(id))
							.map(StaffMember::email)
							.orElse(id.toString()));
			}
			case CLIENT -> new Actor(Actor.Type.INTEGRATION, jwt.getSubject(),
					this.principals.client(jwt.getSubject(), () -> this.integrations.find(jwt.getSubject()))
						.map(Integration::name)
						.orElse(jwt.getSubject()));
			case CUSTOMER -> throw new InvalidBearerTokenException("Shoppers do not act on the admin API");
		};
	}

	private static PrincipalType principalType(Jwt jwt) {
		String claim = jwt.getClaimAsString(AtelierClaims.PRINCIPAL_TYPE);
		for (PrincipalType type : PrincipalType.values()) {
			if (type.claim().equals(claim)) {
				return type;
			}
		}
		throw new InvalidBearerTokenException("The token names no known kind of principal");
	}

	private static UUID uuid(String subject) {
		try {
			return UUID.fromString(subject);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new InvalidBearerTokenException("The token's subject is not a staff member");
		}
	}

}

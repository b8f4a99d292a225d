package com.atelier.platform.identity.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.transaction.support.TransactionOperations;

import com.atelier.platform.cluster.ClusterSignals;
import com.atelier.platform.identity.AuditLog;
import com.atelier.platform.identity.Audience;
import com.atelier.platform.identity.CredentialThrottle;
import com.atelier.platform.identity.Integrations;
import com.atelier.platform.identity.Staff;
import com.atelier.platform.identity.TenantTokens;
import com.atelier.platform.jobs.PeriodicJob;
import com.atelier.platform.tenancy.PlatformDsl;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantDsl;
import com.atelier.platform.tenancy.TenantResolver;

/**
 * The per-tenant authorization server's beans. Everything that Spring Authorization
 * Server stores (clients, authorizations, consents) and signs with (keys) is looked up in
 * the current tenant's schema; nothing is shared between tenants.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
public class IdentityConfiguration {

	/**
	 * Argon2id for passwords people choose (the default for new hashes); SHA-256 only for
	 * the 256-bit secrets Atelier generates.
	 */
	@Bean
	PasswordEncoder passwordEncoder() {
		return new DelegatingPasswordEncoder("argon2", Map.of("argon2",
				Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), "sha256", new Sha256SecretEncoder()));
	}

	@Bean
	KeyCipher keyCipher(Environment environment) {
		String key = environment.getProperty("atelier.master-key");
		return new KeyCipher((key != null) ? key : environment.getProperty("ATELIER_MASTER_KEY"));
	}

	@Bean
	TenantKeyRing tenantKeyRing(KeyCipher cipher, IdentityProperties properties, ClusterSignals signals) {
		return new TenantKeyRing(cipher, properties.retiredKeyRetention(), signals);
	}

	@Bean
	TenantRegisteredClients registeredClientRepository(JdbcOperations jdbc, TenantDsl db, ClusterSignals signals) {
		return new TenantRegisteredClients(jdbc, db, signals);
	}

	@Bean
	OAuth2AuthorizationService authorizationService(JdbcOperations jdbc, TransactionOperations transactions,
			RegisteredClientRepository clients) {
		return new TenantAuthorizationService(jdbc, transactions, clients);
	}

	@Bean
	OAuth2AuthorizationConsentService authorizationConsentService(JdbcOperations jdbc,
			RegisteredClientRepository clients) {
		return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
	}

	/** No fixed issuer: each tenant host is its own issuer (ADR 9). */
	@Bean
	AuthorizationServerSettings authorizationServerSettings() {
		return AuthorizationServerSettings.builder().build();
	}

	@Bean
	JWKSource<SecurityContext> jwkSource(TenantKeyRing ring, TenantDsl db) {
		return (selector, context) -> selector.select(ring.keys(TenantContext.require().id(), db.dsl()).published());
	}

	@Bean
	JwtEncoder jwtEncoder(TenantKeyRing ring, TenantDsl db) {
		return (parameters) -> ring.keys(TenantContext.require().id(), db.dsl()).encoder().encode(parameters);
	}

	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> atelierTokenCustomizer(TenantDsl db) {
		return new AtelierTokenCustomizer(db);
	}

	/**
	 * JWT access and ID tokens with Atelier's claims; refresh tokens for public clients
	 * too.
	 */
	@Bean
	OAuth2TokenGenerator<?> tokenGenerator(JwtEncoder encoder, OAuth2TokenCustomizer<JwtEncodingContext> customizer) {
		JwtGenerator jwt = new JwtGenerator(encoder);
		jwt.setJwtCustomizer(customizer);
		return new DelegatingOAuth2TokenGenerator(jwt, PublicClientRefresh.refreshTokenGenerator());
	}

	@Bean
	TenantTokenValidation tenantTokens(TenantKeyRing ring, TenantDsl db, TenantResolver resolver,
			IdentityProperties properties, Staff staff, Integrations integrations, PrincipalCache principals) {
		return new TenantTokenValidation(ring, db, resolver, properties.clockSkew(), staff, integrations, principals);
	}

	/**
	 * The authorization server's own protected endpoints (user info) accept either
	 * audience.
	 */
	@Bean
	JwtDecoder jwtDecoder(TenantTokenValidation tokens) {
		return tokens.decoder(Set.of(Audience.ADMIN, Audience.STOREFRONT));
	}

	@Bean
	JooqCredentialThrottle credentialThrottle(PlatformDsl platform, IdentityProperties properties) {
		return new JooqCredentialThrottle(platform, properties.throttle());
	}

	/** Deletes forgotten failures and ended locks every 10 minutes. */
	@Bean
	PeriodicJob credentialAttemptsCleanup(JooqCredentialThrottle throttle,
			@Value("${atelier.jobs.enabled:true}") boolean enabled) {
		return new PeriodicJob("credential-attempts-cleanup", throttle::forgetOld, enabled, Duration.ofMinutes(10));
	}

	@Bean
	DeviceTrust deviceTrust(KeyCipher cipher, CredentialThrottle throttle) {
		return new DeviceTrust(cipher, () -> throttle.limits().deviceTrust());
	}

	@Bean
	SignInGuard signInGuard(CredentialThrottle throttle, DeviceTrust devices, AuditLog audit, TenantDsl db,
			TransactionOperations transactions) {
		return new SignInGuard(throttle, devices, audit, db, transactions);
	}

	/** Sign-in lookups, for the login pages' security chains (not beans themselves). */
	@Bean
	SignInUsers signInUsers(TenantDsl db, TransactionOperations transactions) {
		return new SignInUsers(TenantUserDetails.staff(db, transactions),
				TenantUserDetails.customers(db, transactions));
	}

	/**
	 * @param staff staff sign-in
	 * @param customers shopper sign-in
	 */
	public record SignInUsers(UserDetailsService staff, UserDetailsService customers) {
	}

}

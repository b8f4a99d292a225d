package com.atelier.platform.identity.internal;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.jooq.Condition;
import org.jooq.DSLContext;

import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import com.atelier.platform.cluster.ClusterSignals;
import com.atelier.platform.tenancy.TenantId;

import static com.atelier.platform.jooq.tenant_template.Tables.SIGNING_KEYS;

/**
 * Each tenant's RSA signing keys (RS256, 2048 bits), stored in its schema with the
 * private half encrypted ({@link KeyCipher}). Loaded once per tenant and cached; a
 * rotation notifies {@value #CHANNEL} so every node reloads that tenant's keys. A retired
 * key stays published only as long as a token it signed can live (plus clock skew).
 */
final class TenantKeyRing {

	static final String CHANNEL = "atelier_keys";

	static final String ALGORITHM = "RS256";

	static final String REVOKED = "REVOKED";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final KeyCipher cipher;

	private final Duration retiredKeyRetention;

	private final Cache<TenantId, Keys> keys = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterWrite(Duration.ofMinutes(10))
		.build();

	TenantKeyRing(KeyCipher cipher, Duration retiredKeyRetention, ClusterSignals signals) {
		this.cipher = cipher;
		this.retiredKeyRetention = retiredKeyRetention;
		signals.subscribe(CHANNEL, new ClusterSignals.Subscriber() {

			@Override
			public void onMessage(String payload) {
				try {
					TenantKeyRing.this.keys.invalidate(new TenantId(java.util.UUID.fromString(payload)));
				}
				catch (IllegalArgumentException ex) {
					TenantKeyRing.this.keys.invalidateAll();
				}
			}

			@Override
			public void onReconnect() {
				TenantKeyRing.this.keys.invalidateAll();
			}

		});
	}

	/**
	 * The tenant's keys: the signing key and every key still published.
	 * @param tenant the tenant
	 * @param tenantDsl a context on the tenant's schema
	 * @return its keys
	 */
	Keys keys(TenantId tenant, DSLContext tenantDsl) {
		return this.keys.get(tenant, (id) -> load(id, tenantDsl));
	}

	void forget(TenantId tenant) {
		this.keys.invalidate(tenant);
	}

	/** Creates the first signing key when the tenant has none. */
	void ensureSigningKey(DSLContext tx, TenantId tenant) {
		boolean hasActive = tx.fetchExists(SIGNING_KEYS, SIGNING_KEYS.STATUS.eq("ACTIVE"));
		if (!hasActive) {
			insert(tx, tenant);
		}
	}

	/**
	 * Retires the signing key and creates a new one; returns the new key id. A retired
	 * key stays published for the retention (its tokens keep verifying until they
	 * expire); in an emergency every published key is revoked instead: never published
	 * again, so every token signed before stops verifying as soon as nodes reload the
	 * keys.
	 */
	Rotation rotate(DSLContext tx, TenantId tenant, boolean emergency) {
		OffsetDateTime now = OffsetDateTime.now();
		List<String> revoked = List.of();
		if (emergency) {
			revoked = tx.update(SIGNING_KEYS)
				.set(SIGNING_KEYS.STATUS, REVOKED)
				.set(SIGNING_KEYS.RETIRED_AT, now)
				.where(published(now))
				.returning(SIGNING_KEYS.KID)
				.fetch(SIGNING_KEYS.KID);
		}
		else {
			tx.update(SIGNING_KEYS)
				.set(SIGNING_KEYS.STATUS, "RETIRED")
				.set(SIGNING_KEYS.RETIRED_AT, now)
				.where(SIGNING_KEYS.STATUS.eq("ACTIVE"))
				.execute();
		}
		// Keys retired or revoked long enough ago that nothing they signed is still
		// valid.
		tx.deleteFrom(SIGNING_KEYS)
			.where(SIGNING_KEYS.STATUS.in("RETIRED", REVOKED))
			.and(SIGNING_KEYS.RETIRED_AT.lt(now.minus(this.retiredKeyRetention)))
			.execute();
		return new Rotation(insert(tx, tenant), revoked);
	}

	/**
	 * The keys that verify tokens at {@code now}: the signing key and recently retired
	 * ones.
	 */
	private Condition published(OffsetDateTime now) {
		return SIGNING_KEYS.STATUS.eq("ACTIVE")
			.or(SIGNING_KEYS.STATUS.eq("RETIRED").and(SIGNING_KEYS.RETIRED_AT.ge(now.minus(this.retiredKeyRetention))));
	}

	private String insert(DSLContext tx, TenantId tenant) {
		KeyPair pair = generate();
		byte[] kidBytes = new byte[12];
		RANDOM.nextBytes(kidBytes);
		String kid = Base64.getUrlEncoder().withoutPadding().encodeToString(kidBytes);
		tx.insertInto(SIGNING_KEYS)
			.set(SIGNING_KEYS.KID, kid)
			.set(SIGNING_KEYS.ALGORITHM, ALGORITHM)
			.set(SIGNING_KEYS.PUBLIC_KEY, pair.getPublic().getEncoded())
			.set(SIGNING_KEYS.PRIVATE_KEY_ENCRYPTED,
					this.cipher.encrypt(pair.getPrivate().getEncoded(), tenant.toString(), kid))
			.set(SIGNING_KEYS.STATUS, "ACTIVE")
			.execute();
		return kid;
	}

	private Keys load(TenantId tenant, DSLContext dsl) {
		RSAKey signing = null;
		List<JWK> published = new ArrayList<>();
		var rows = dsl.selectFrom(SIGNING_KEYS)
			.where(published(OffsetDateTime.now()))
			.orderBy(SIGNING_KEYS.CREATED_AT.desc())
			.fetch();
		for (var row : rows) {
			RSAPublicKey publicKey = publicKey(row.getPublicKey());
			RSAKey.Builder jwk = new RSAKey.Builder(publicKey).keyID(row.getKid())
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256);
			published.add(jwk.build());
			if ("ACTIVE".equals(row.getStatus())) {
				byte[] plain = this.cipher.decrypt(row.getPrivateKeyEncrypted(), tenant.toString(), row.getKid());
				signing = jwk.privateKey(privateKey(plain)).build();
			}
		}
		if (signing == null) {
			throw new IllegalStateException("Tenant " + tenant + " has no signing key; run bin/atelier tenant migrate");
		}
		return new Keys(signing, new JWKSet(published),
				new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(List.of(signing)))));
	}

	private static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048, RANDOM);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAPublicKey publicKey(byte[] encoded) {
		try {
			return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(encoded));
		}
		catch (NoSuchAlgorithmException | InvalidKeySpecException ex) {
			throw new IllegalStateException("Unreadable public key", ex);
		}
	}

	private static RSAPrivateKey privateKey(byte[] encoded) {
		try {
			return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(encoded));
		}
		catch (NoSuchAlgorithmException | InvalidKeySpecException ex) {
			throw new IllegalStateException("Unreadable private key", ex);
		}
	}

	/**
	 * @param signing the key that signs new tokens (with its private half)
	 * @param published public keys of every key that may have signed a valid token
	 * @param encoder signs with {@code signing}
	 */
	record Keys(RSAKey signing, JWKSet published, JwtEncoder encoder) {
	}

	/**
	 * @param kid the new signing key
	 * @param revoked keys an emergency rotation revoked
	 */
	record Rotation(String kid, List<String> revoked) {
	}

}

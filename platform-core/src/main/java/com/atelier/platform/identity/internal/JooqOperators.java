package com.atelier.platform.identity.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.atelier.platform.identity.InvalidIdentityRequest;
import com.atelier.platform.identity.Operators;
import com.atelier.platform.tenancy.PlatformDsl;
import com.atelier.platform.problem.Problems;

import static com.atelier.platform.jooq.platform.Tables.OPERATORS;

/**
 * Operators in the platform schema. Tokens are 256-bit random strings, stored as SHA-256.
 */
@Service
class JooqOperators implements Operators {

	private final PlatformDsl platform;

	JooqOperators(PlatformDsl platform) {
		this.platform = platform;
	}

	@Override
	public String create(String name) {
		String label = name.strip();
		if (!label.matches("^[A-Za-z0-9._@-]{2,100}$")) {
			throw InvalidIdentityRequest.of("name", "must be 2 to 100 letters, digits or . _ @ -");
		}
		String token = Secrets.generate("atl_op_");
		this.platform.transaction((tx) -> {
			if (tx.fetchExists(OPERATORS, OPERATORS.NAME.eq(label))) {
				throw InvalidIdentityRequest.of("name", "an operator named " + Problems.quote(label) + " exists");
			}
			return tx.insertInto(OPERATORS)
				.set(OPERATORS.ID, UUID.randomUUID())
				.set(OPERATORS.NAME, label)
				.set(OPERATORS.TOKEN_HASH, Sha256SecretEncoder.hash(token))
				.execute();
		});
		return token;
	}

	@Override
	public Optional<Operator> authenticate(String token) {
		return this.platform.dsl()
			.selectFrom(OPERATORS)
			.where(OPERATORS.TOKEN_HASH.eq(Sha256SecretEncoder.hash(token)))
			.and(OPERATORS.REVOKED_AT.isNull())
			.fetchOptional((r) -> new Operator(r.getName(), r.getCreatedAt().toInstant(), null));
	}

	@Override
	public List<Operator> list() {
		return this.platform.dsl()
			.selectFrom(OPERATORS)
			.orderBy(OPERATORS.NAME)
			.fetch((r) -> new Operator(r.getName(), r.getCreatedAt().toInstant(),
					(r.getRevokedAt() != null) ? r.getRevokedAt().toInstant() : null));
	}

	@Override
	public boolean revoke(String name) {
		return this.platform.dsl()
			.update(OPERATORS)
			.set(OPERATORS.REVOKED_AT, OffsetDateTime.now())
			.where(OPERATORS.NAME.eq(name))
			.and(OPERATORS.REVOKED_AT.isNull())
			.execute() == 1;
	}

}

package com.atelier.platform.identity.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.atelier.platform.identity.Customer;
import com.atelier.platform.identity.Customers;
import com.atelier.platform.identity.Emails;
import com.atelier.platform.identity.InvalidIdentityRequest;
import com.atelier.platform.identity.InvalidVerificationToken;
import com.atelier.platform.identity.ShopperNotices;
import com.atelier.platform.problem.FieldProblem;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantDsl;

import static com.atelier.platform.jooq.tenant_template.Tables.CUSTOMERS;

/**
 * Shopper accounts in the tenant's schema. Email verification tokens are stored hashed
 * and sent through {@link ShopperNotices}. Sign-up answers the same whether or not the
 * address has an account, and does the same work (a password hash, one insert): the owner
 * of an existing address is notified instead of the caller being told.
 */
@Service
@Transactional
class JooqCustomers implements Customers {

	private final TenantDsl db;

	private final PasswordEncoder passwords;

	private final ShopperNotices notices;

	JooqCustomers(TenantDsl db, PasswordEncoder passwords, ShopperNotices notices) {
		this.db = db;
		this.passwords = passwords;
		this.notices = notices;
	}

	@Override
	public Optional<SignUp> signUp(String email, String password, @Nullable String displayName) {
		List<FieldProblem> problems = new ArrayList<>();
		String normalized = null;
		try {
			normalized = Emails.normalize("email", email);
		}
		catch (InvalidIdentityRequest ex) {
			problems.addAll(ex.fieldProblems());
		}
		if (password.length() < 10 || password.length() > 128) {
			problems.add(new FieldProblem("password", "must be 10 to 128 characters"));
		}
		if (displayName != null && displayName.strip().length() > 200) {
			problems.add(new FieldProblem("displayName", "must be at most 200 characters"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidIdentityRequest(problems);
		}
		// Hashed whether or not the address has an account: both answers take as long.
		String hash = this.passwords.encode(password);
		UUID id = UUID.randomUUID();
		String token = Secrets.generate("cv_");
		boolean created = this.db.dsl()
			.insertInto(CUSTOMERS)
			.set(CUSTOMERS.ID, id)
			.set(CUSTOMERS.EMAIL, normalized)
			.set(CUSTOMERS.DISPLAY_NAME, (displayName != null && !displayName.isBlank()) ? displayName.strip() : null)
			.set(CUSTOMERS.PASSWORD_HASH, hash)
			.set(CUSTOMERS.EMAIL_VERIFIED, false)
			.set(CUSTOMERS.VERIFICATION_TOKEN_HASH, Sha256SecretEncoder.hash(token))
			.onConflict(CUSTOMERS.EMAIL)
			.doNothing()
			.execute() == 1;
		if (!created) {
			this.notices.accountExists(TenantContext.require(), normalized);
			return Optional.empty();
		}
		this.notices.verifyEmail(TenantContext.require(), normalized, token);
		return Optional.of(new SignUp(find(id).orElseThrow(), token));
	}

	@Override
	public Customer verify(String token) {
		return this.db.dsl()
			.update(CUSTOMERS)
			.set(CUSTOMERS.EMAIL_VERIFIED, true)
			.setNull(CUSTOMERS.VERIFICATION_TOKEN_HASH)
			.where(CUSTOMERS.VERIFICATION_TOKEN_HASH.eq(Sha256SecretEncoder.hash(token)))
			.returning()
			.fetchOptional(JooqCustomers::toCustomer)
			.orElseThrow(InvalidVerificationToken::new);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<Customer> find(UUID id) {
		return this.db.dsl().selectFrom(CUSTOMERS).where(CUSTOMERS.ID.eq(id)).fetchOptional(JooqCustomers::toCustomer);
	}

	static Customer toCustomer(Record r) {
		return new Customer(r.get(CUSTOMERS.ID), r.get(CUSTOMERS.EMAIL), r.get(CUSTOMERS.DISPLAY_NAME),
				r.get(CUSTOMERS.EMAIL_VERIFIED), r.get(CUSTOMERS.CREATED_AT).toInstant());
	}

}

package com.atelier.platform.identity.internal;

import java.util.Locale;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.transaction.support.TransactionOperations;

import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantDsl;

import static com.atelier.platform.jooq.tenant_template.Tables.CUSTOMERS;
import static com.atelier.platform.jooq.tenant_template.Tables.STAFF_USERS;

/**
 * Sign-in lookups by email in the current tenant: staff for the admin console, customers
 * for the storefront. The user name of the signed-in principal is their id (the
 * {@code sub} of their tokens), so that an email change never changes who they are. A
 * disabled staff member, or a customer whose email is not verified, cannot sign in.
 */
final class TenantUserDetails {

	private TenantUserDetails() {
	}

	static UserDetailsService staff(TenantDsl db, TransactionOperations transactions) {
		return (email) -> transactions.execute((status) -> {
			TenantContext.require();
			var row = db.dsl()
				.selectFrom(STAFF_USERS)
				.where(STAFF_USERS.EMAIL.eq(email.strip().toLowerCase(Locale.ROOT)))
				.fetchOptional()
				.filter((r) -> r.getPasswordHash() != null)
				.orElseThrow(() -> new UsernameNotFoundException("unknown"));
			return User.withUsername(row.getId().toString())
				.password(row.getPasswordHash())
				.disabled(!"ACTIVE".equals(row.getStatus()))
				.build();
		});
	}

	static UserDetailsService customers(TenantDsl db, TransactionOperations transactions) {
		return (email) -> transactions.execute((status) -> {
			TenantContext.require();
			var row = db.dsl()
				.selectFrom(CUSTOMERS)
				.where(CUSTOMERS.EMAIL.eq(email.strip().toLowerCase(Locale.ROOT)))
				.fetchOptional()
				.orElseThrow(() -> new UsernameNotFoundException("unknown"));
			return User.withUsername(row.getId().toString())
				.password(row.getPasswordHash())
				.disabled(!row.getEmailVerified())
				.build();
		});
	}

}

package com.atelier.platform.tenancy;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The tenant the current thread works for. It is set once at the edge (request filter,
 * CLI command, job runner) before any transaction begins, and always restored in
 * {@code finally} through the {@link Scope} that {@link #enter(TenantRef)} returns.
 * <p>
 * There is no default tenant: reaching tenant data without one throws
 * {@link NoTenantInContext}. Entering a tenant while a transaction is active throws
 * {@link TenantSwitchInTransaction}.
 */
public final class TenantContext {

	private static final ThreadLocal<TenantRef> CURRENT = new ThreadLocal<>();

	private TenantContext() {
	}

	public static Optional<TenantRef> current() {
		return Optional.ofNullable(CURRENT.get());
	}

	/**
	 * The current tenant.
	 * @return the tenant
	 * @throws NoTenantInContext when none is set
	 */
	public static TenantRef require() {
		TenantRef tenant = CURRENT.get();
		if (tenant == null) {
			throw new NoTenantInContext();
		}
		return tenant;
	}

	/**
	 * Makes {@code tenant} current until the returned scope is closed, which restores the
	 * previous one.
	 * @param tenant the tenant to work for
	 * @return the scope to close, in a try-with-resources block
	 * @throws TenantSwitchInTransaction when a transaction is active
	 */
	public static Scope enter(TenantRef tenant) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new TenantSwitchInTransaction();
		}
		TenantRef previous = CURRENT.get();
		CURRENT.set(tenant);
		return new Scope(previous);
	}

	public static void run(TenantRef tenant, Runnable work) {
		try (Scope scope = enter(tenant)) {
			work.run();
		}
	}

	public static <T> T call(TenantRef tenant, Supplier<T> work) {
		try (Scope scope = enter(tenant)) {
			return work.get();
		}
	}

	/**
	 * Wraps work for another thread so that it runs for the tenant current now.
	 * @param work the work
	 * @return work that enters the captured tenant first
	 * @throws NoTenantInContext when no tenant is current
	 */
	public static <T> Callable<T> propagate(Callable<T> work) {
		TenantRef tenant = require();
		return () -> {
			try (Scope scope = enter(tenant)) {
				return work.call();
			}
		};
	}

	/**
	 * An entered tenant; closing it restores the tenant that was current before.
	 */
	public static final class Scope implements AutoCloseable {

		private final @Nullable TenantRef previous;

		private boolean closed;

		private Scope(@Nullable TenantRef previous) {
			this.previous = previous;
		}

		@Override
		public void close() {
			if (this.closed) {
				return;
			}
			this.closed = true;
			if (this.previous == null) {
				CURRENT.remove();
			}
			else {
				CURRENT.set(this.previous);
			}
		}

	}

}

package com.atelier.reporting.rollup;

import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import com.atelier.platform.brand.Brands;
import com.atelier.platform.problem.ProblemException;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantDirectory;
import com.atelier.platform.tenancy.TenantStatus;
import com.atelier.reporting.Column;
import com.atelier.reporting.Csv;
import com.atelier.reporting.ReportRange;
import com.atelier.reporting.ReportRunner;
import com.atelier.reporting.RowSink;
import com.atelier.reporting.reports.TenantTotals;

/**
 * The platform operators' roll-up: per tenant and currency, GMV, orders and refunds over
 * a range of days (each tenant's days in its own time zone, so its figures match its own
 * sales report), and counts of tenants. Tenants are visited through the directory, a few
 * at a time; every query stays inside one tenant's schema. A tenant that fails or times
 * out is reported with its error and the others go on.
 */
@Component
public class Rollup {

	private static final Logger log = LoggerFactory.getLogger(Rollup.class);

	private final TenantDirectory directory;

	private final Brands brands;

	private final ReportRunner runner;

	Rollup(TenantDirectory directory, Brands brands, ReportRunner runner) {
		this.directory = directory;
		this.brands = brands;
		this.runner = runner;
	}

	/**
	 * @param from the first day
	 * @param to the last day
	 * @param parallelism how many tenants at a time (1 to 16)
	 * @param timeout the statement timeout per tenant, or {@code null} for each tenant's
	 * own
	 * @param listener told of progress, on the calling thread
	 * @return the figures
	 */
	public Result run(LocalDate from, LocalDate to, int parallelism, @Nullable Duration timeout, Listener listener) {
		new ReportRange(from, to, ZoneOffset.UTC);
		List<Tenant> all = this.directory.list()
			.stream()
			.filter((t) -> t.status() == TenantStatus.ACTIVE || t.status() == TenantStatus.SUSPENDED)
			.toList();
		long started = System.nanoTime();
		listener.started(all.size());
		List<TenantResult> results = new ArrayList<>(all.size());
		ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, 16)), (r) -> {
			Thread thread = new Thread(r, "atelier-rollup");
			thread.setDaemon(true);
			return thread;
		});
		try {
			CompletionService<TenantResult> done = new ExecutorCompletionService<>(pool);
			for (Tenant tenant : all) {
				done.submit(() -> visit(tenant, from, to, timeout));
			}
			for (int i = 0; i < all.size(); i++) {
				TenantResult result = done.take().get();
				results.add(result);
				listener.finished(i + 1, result);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("The roll-up was interrupted", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("The roll-up failed", ex.getCause());
		}
		finally {
			pool.shutdownNow();
		}
		results.sort(Comparator.comparing(TenantResult::tenant));
		int active = (int) all.stream().filter((t) -> t.status() == TenantStatus.ACTIVE).count();
		int withOrders = (int) results.stream()
			.filter((r) -> r.figures().stream().anyMatch((f) -> f.orders() > 0))
			.count();
		int failed = (int) results.stream().filter((r) -> r.error() != null).count();
		return new Result(from, to, new Counts(all.size(), active, all.size() - active, withOrders, failed), results,
				Duration.ofNanos(System.nanoTime() - started));
	}

	private TenantResult visit(Tenant tenant, LocalDate from, LocalDate to, @Nullable Duration timeout) {
		long started = System.nanoTime();
		List<Figures> figures = new ArrayList<>();
		String error = null;
		try (TenantContext.Scope scope = TenantContext.enter(tenant.ref())) {
			this.runner.run(new TenantTotals(new ReportRange(from, to, this.brands.current().timeZone())),
					new RowSink() {

						@Override
						public void start(List<Column> columns) {
						}

						@Override
						public void row(List<@Nullable String> values) {
							figures.add(new Figures(String.valueOf(values.get(0)), number(values.get(1)),
									String.valueOf(values.get(2)), number(values.get(3)),
									String.valueOf(values.get(4))));
						}

						@Override
						public void end(boolean truncated) {
						}

					}, timeout);
		}
		catch (ProblemException ex) {
			error = ex.getMessage();
		}
		catch (RuntimeException ex) {
			log.warn("Roll-up of tenant {} failed", tenant.slug(), ex);
			error = "failed: " + ex.getClass().getSimpleName();
		}
		return new TenantResult(tenant.slug().value(), tenant.status().name(), List.copyOf(figures), error,
				Duration.ofNanos(System.nanoTime() - started).toMillis());
	}

	/**
	 * The roll-up as CSV:
	 * {@code tenant,status,currency,orders,gmv,refunds,refunded,error}, one row per
	 * tenant and currency; a tenant without sales, or that failed, has one row without a
	 * currency.
	 * @param result the roll-up
	 * @param out where to write
	 */
	public static void writeCsv(Result result, Writer out) throws IOException {
		out.write("tenant,status,currency,orders,gmv,refunds,refunded,error" + Csv.EOL);
		for (TenantResult tenant : result.results()) {
			String prefix = Csv.field(tenant.tenant(), true) + "," + tenant.status() + ",";
			String error = tenant.error();
			if (error != null || tenant.figures().isEmpty()) {
				out.write(prefix + ",,,,," + ((error != null) ? Csv.field(error, true) : "") + Csv.EOL);
				continue;
			}
			for (Figures figures : tenant.figures()) {
				out.write(prefix + figures.currency() + "," + figures.orders() + "," + figures.gmv() + ","
						+ figures.refunds() + "," + figures.refunded() + "," + Csv.EOL);
			}
		}
	}

	private static long number(@Nullable String value) {
		return (value != null) ? Long.parseLong(value) : 0;
	}

	/** Progress of a roll-up. */
	public interface Listener {

		Listener NONE = new Listener() {
		};

		default void started(int tenants) {
		}

		default void finished(int done, TenantResult result) {
		}

	}

	/**
	 * @param currency ISO 4217
	 * @param orders paid orders placed in the range
	 * @param gmv their order totals, a decimal in the currency
	 * @param refunds refunds made in the range
	 * @param refunded their amount
	 */
	public record Figures(String currency, long orders, String gmv, long refunds, String refunded) {
	}

	/**
	 * @param tenant the tenant's slug
	 * @param status ACTIVE or SUSPENDED
	 * @param figures per currency; empty when it had no sales or refunds, or failed
	 * @param error why it failed, or {@code null}
	 * @param millis how long it took
	 */
	public record TenantResult(String tenant, String status, List<Figures> figures, @Nullable String error,
			long millis) {
	}

	/**
	 * @param total tenants visited (active and suspended)
	 * @param active active tenants
	 * @param suspended suspended tenants
	 * @param withOrders tenants with at least one paid order in the range
	 * @param failed tenants whose figures could not be read
	 */
	public record Counts(int total, int active, int suspended, int withOrders, int failed) {
	}

	/**
	 * @param from the first day
	 * @param to the last day
	 * @param tenants counts of tenants
	 * @param results one per tenant, by slug
	 * @param took how long the roll-up took
	 */
	public record Result(LocalDate from, LocalDate to, Counts tenants, List<TenantResult> results, Duration took) {
	}

}

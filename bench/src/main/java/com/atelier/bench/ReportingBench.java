package com.atelier.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.atelier.infra.AtelierApplication;
import com.atelier.platform.brand.BrandChanges;
import com.atelier.platform.brand.Brands;
import com.atelier.platform.identity.Actor;
import com.atelier.platform.tenancy.NewTenant;
import com.atelier.platform.tenancy.PlatformDsl;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantDirectory;
import com.atelier.platform.tenancy.TenantProvisioning;
import com.atelier.platform.tenancy.TenantSlug;
import com.atelier.reporting.reports.DailySummaries;
import com.atelier.reporting.rollup.Rollup;

/**
 * In-process set-up and measurements for the reporting benchmark, on the database the
 * environment names (ATELIER_DB_URL or the embedded server under ATELIER_DATA_DIR).
 * <ul>
 * <li>{@code generate SLUG ORDERS}: a tenant (time zone Europe/Paris, markets eu/uk/us in
 * EUR, GBP and USD) with ORDERS orders spread over the last 365 days, 1 to 3 lines each
 * over 200 products: 4 % cancelled unpaid, 3 % partly refunded the next day, the rest
 * paid or fulfilled. Written with set-based SQL straight into the tenant's schema.</li>
 * <li>{@code fill N PREFIX ORDERS}: creates tenants until the directory holds N, each
 * with ORDERS orders as above.</li>
 * <li>{@code summarize SLUG}: builds the tenant's daily summaries and prints how long it
 * took.</li>
 * <li>{@code rollup}: the operators' roll-up over the last 365 days, in process,
 * timed.</li>
 * </ul>
 */
public final class ReportingBench {

	private static final Actor BENCH = Actor.operator("bench");

	private ReportingBench() {
	}

	public static void main(String[] args) {
		if (args.length < 1) {
			System.err.println(
					"usage: ReportingBench generate SLUG ORDERS | fill N PREFIX ORDERS | summarize SLUG" + " | rollup");
			System.exit(2);
		}
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AtelierApplication.class)
			.web(WebApplicationType.NONE)
			.profiles("cli")
			.properties("atelier.cluster.listen=false", "atelier.jobs.enabled=false",
					"spring.datasource.hikari.maximum-pool-size=8")
			.run()) {
			switch (args[0]) {
				case "generate" -> {
					long started = System.nanoTime();
					Tenant tenant = tenant(context, args[1]);
					orders(context, tenant, Integer.parseInt(args[2]));
					System.out.printf(Locale.ROOT, "generate slug=%s orders=%s seconds=%.1f%n", args[1], args[2],
							seconds(started));
				}
				case "fill" -> fill(context, Integer.parseInt(args[1]), args[2], Integer.parseInt(args[3]));
				case "summarize" -> {
					Tenant tenant = context.getBean(TenantDirectory.class)
						.findBySlug(new TenantSlug(args[1]))
						.orElseThrow();
					long started = System.nanoTime();
					int days = TenantContext.call(tenant.ref(),
							() -> context.getBean(DailySummaries.class).summarizeCurrentTenant(4000));
					System.out.printf(Locale.ROOT, "summarize slug=%s days=%d seconds=%.1f%n", args[1], days,
							seconds(started));
				}
				case "rollup" -> {
					java.time.LocalDate to = java.time.LocalDate.now();
					Rollup.Result result = context.getBean(Rollup.class)
						.run(to.minusDays(364), to, 4, null, Rollup.Listener.NONE);
					System.out.printf(Locale.ROOT, "rollup tenants=%d with_orders=%d failed=%d seconds=%.1f%n",
							result.tenants().total(), result.tenants().withOrders(), result.tenants().failed(),
							result.took().toMillis() / 1000.0);
				}
				default -> throw new IllegalArgumentException(args[0]);
			}
		}
	}

	private static void fill(ConfigurableApplicationContext context, int target, String prefix, int orders) {
		TenantDirectory directory = context.getBean(TenantDirectory.class);
		int existing = directory.list().size();
		long started = System.nanoTime();
		for (int i = existing; i < target; i++) {
			orders(context, tenant(context, prefix + "-" + i), orders);
			if ((i + 1) % 100 == 0) {
				System.err.printf("filled %d/%d%n", i + 1, target);
			}
		}
		System.out.printf(Locale.ROOT, "fill from=%d to=%d orders_each=%d seconds=%.1f%n", existing, target, orders,
				seconds(started));
	}

	private static Tenant tenant(ConfigurableApplicationContext context, String slug) {
		Tenant tenant = context.getBean(TenantProvisioning.class)
			.create(NewTenant.of(slug, "Bench " + slug, "EUR", List.of(), List.of("en")));
		TenantContext.run(tenant.ref(), () -> context.getBean(Brands.class)
			.update(new BrandChanges(null, null, null, null, null, "Europe/Paris"), BENCH));
		return tenant;
	}

	/** Markets, then orders, lines, payments and refunds, all set-based. */
	private static void orders(ConfigurableApplicationContext context, Tenant tenant, int orders) {
		DataSource platform = context.getBean(PlatformDsl.class).dataSource();
		JdbcTemplate jdbc = new JdbcTemplate(platform);
		String s = tenant.schema().quoted();
		jdbc.execute("insert into " + s + ".markets (id, handle, name, currency, countries, prices_include_tax,"
				+ " is_default) values (md5('m0')::uuid, 'eu', 'Europe', 'EUR', '{FR}', true, true),"
				+ " (md5('m1')::uuid, 'uk', 'United Kingdom', 'GBP', '{GB}', true, false),"
				+ " (md5('m2')::uuid, 'us', 'United States', 'USD', '{US}', false, false)");
		// Market m = g % 3: eu and uk include 20 % tax, us adds 8 %. Shipping 15.00.
		String price = "(10000 + ((g * 7 + k * 13) % 200) * 500)";
		String lineTax = "round(" + price + " * case when g % 3 = 2 then 0.08 else 0.2 / 1.2 end)";
		String placed = "now() - interval '365 days' * ((hashtext('t' || g)::bigint & 2147483647) / 2147483648.0)";
		String status = "case when g % 100 < 4 then 'CANCELLED' when g % 100 < 7 then 'PARTIALLY_REFUNDED'"
				+ " when g % 100 < 60 then 'FULFILLED' else 'PAID' end";
		jdbc.execute("insert into " + s + ".orders (id, number, cart_id, email, market_id, currency, country,"
				+ " prices_include_tax, status, subtotal_minor, shipping_minor, tax_minor, total_minor, captured_minor,"
				+ " refunded_minor, payment_provider, cancel_reason, placed_at, updated_at)"
				+ " select md5('o' || g)::uuid, g, md5('c' || g)::uuid, 'c' || ((g::bigint * 7919) % 200000) || '@example.com',"
				+ " md5('m' || (g % 3))::uuid, (array['EUR','GBP','USD'])[g % 3 + 1], (array['FR','GB','US'])[g % 3 + 1],"
				+ " g % 3 <> 2, " + status + ", x.subtotal, 1500, x.tax + x.ship_tax,"
				+ " x.subtotal + 1500 + case when g % 3 = 2 then x.tax + x.ship_tax else 0 end,"
				+ " case when g % 100 < 4 then 0 else x.subtotal + 1500 + case when g % 3 = 2 then x.tax + x.ship_tax"
				+ " else 0 end end, case when g % 100 between 4 and 6 then 1000 else 0 end, 'manual',"
				+ " case when g % 100 < 4 then 'reservation expired' end, t.placed, t.placed"
				+ " from generate_series(1, " + orders + ") g" + " cross join lateral (select " + placed
				+ " as placed) t" + " cross join lateral (select sum(" + price + ") as subtotal, sum(" + lineTax
				+ ") as tax,"
				+ " case when g % 3 = 2 then 120 else 250 end as ship_tax from generate_series(1, 1 + g % 3) k) x");
		jdbc.execute("insert into " + s + ".order_lines (id, order_id, position, product_id, variant_id, sku, title,"
				+ " variant_title, quantity, unit_price_minor, subtotal_minor, tax_rate, tax_minor)"
				+ " select md5('l' || g || '-' || k)::uuid, md5('o' || g)::uuid, k,"
				+ " md5('p' || ((g * 7 + k * 13) % 200))::uuid, md5('v' || ((g * 7 + k * 13) % 200))::uuid,"
				+ " 'SKU-' || ((g * 7 + k * 13) % 200), 'Product ' || ((g * 7 + k * 13) % 200), 'Default', 1, " + price
				+ ", " + price + ", case when g % 3 = 2 then 0.08 else 0.2 end, " + lineTax
				+ " from generate_series(1, " + orders + ") g cross join lateral generate_series(1, 1 + g % 3) k");
		jdbc.execute("insert into " + s + ".payments (id, order_id, provider, reference, status, amount_minor,"
				+ " captured_minor, refunded_minor, currency, created_at)"
				+ " select md5('pay' || o.number)::uuid, o.id, 'manual', 'bench-' || o.number, 'CAPTURED',"
				+ " o.total_minor, o.captured_minor, o.refunded_minor, o.currency, o.placed_at from " + s
				+ ".orders o where o.refunded_minor > 0");
		jdbc.execute("insert into " + s + ".refunds (id, order_id, payment_id, amount_minor, reason, actor_type,"
				+ " actor_id, created_at) select md5('r' || o.number)::uuid, o.id, md5('pay' || o.number)::uuid,"
				+ " o.refunded_minor, 'bench', 'OPERATOR', 'bench', least(o.placed_at + interval '1 day', now())"
				+ " from " + s + ".orders o where o.refunded_minor > 0");
		jdbc.execute("select setval('" + tenant.schema().name() + ".order_numbers', " + (orders + 1000) + ")");
		jdbc.execute("analyze " + s + ".orders");
		jdbc.execute("analyze " + s + ".order_lines");
		jdbc.execute("analyze " + s + ".refunds");
	}

	private static double seconds(long started) {
		return Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0;
	}

}

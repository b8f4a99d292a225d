package com.atelier.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.atelier.infra.AtelierApplication;
import com.atelier.platform.tenancy.NewTenant;
import com.atelier.platform.tenancy.TenantDirectory;
import com.atelier.platform.tenancy.TenantProvisioning;

/**
 * In-process tenancy measurements, on the database the environment names (ATELIER_DB_URL
 * or the embedded server under ATELIER_DATA_DIR).
 * <ul>
 * <li>{@code provision N PREFIX}: creates N tenants one after another and prints the time
 * of each {@code TenantProvisioning.create}, then p50, p95 and max.</li>
 * <li>{@code fill N PREFIX}: creates tenants until the directory holds N.</li>
 * </ul>
 */
public final class TenancyBench {

	private TenancyBench() {
	}

	public static void main(String[] args) {
		if (args.length != 3) {
			System.err.println("usage: TenancyBench provision|fill N PREFIX");
			System.exit(2);
		}
		int count = Integer.parseInt(args[1]);
		String prefix = args[2];
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AtelierApplication.class)
			.web(WebApplicationType.NONE)
			.profiles("cli")
			.properties("atelier.cluster.listen=false")
			.run()) {
			TenantProvisioning provisioning = context.getBean(TenantProvisioning.class);
			TenantDirectory directory = context.getBean(TenantDirectory.class);
			switch (args[0]) {
				case "provision" -> provision(provisioning, count, prefix);
				case "fill" -> fill(provisioning, directory, count, prefix);
				default -> throw new IllegalArgumentException(args[0]);
			}
		}
	}

	private static void provision(TenantProvisioning provisioning, int count, String prefix) {
		// Warm up the JVM and the connection pool with three tenants that are not
		// counted.
		for (int i = 0; i < 3; i++) {
			create(provisioning, prefix + "-warm-" + i);
		}
		List<Double> millis = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			long started = System.nanoTime();
			create(provisioning, prefix + "-" + i);
			millis.add((System.nanoTime() - started) / 1e6);
		}
		double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		System.out.printf(Locale.ROOT, "provision n=%d p50_ms=%.1f p95_ms=%.1f max_ms=%.1f mean_ms=%.1f%n", count,
				percentile(sorted, 50), percentile(sorted, 95), sorted[sorted.length - 1],
				Arrays.stream(sorted).average().orElse(0));
	}

	private static void fill(TenantProvisioning provisioning, TenantDirectory directory, int target, String prefix) {
		int existing = directory.list().size();
		long started = System.nanoTime();
		for (int i = existing; i < target; i++) {
			create(provisioning, prefix + "-" + i);
			if ((i + 1) % 100 == 0) {
				System.err.printf("filled %d/%d%n", i + 1, target);
			}
		}
		System.out.printf(Locale.ROOT, "fill from=%d to=%d seconds=%.1f%n", existing, target,
				(System.nanoTime() - started) / 1e9);
	}

	private static void create(TenantProvisioning provisioning, String slug) {
		provisioning.create(NewTenant.of(slug, "Bench " + slug, "EUR", List.of(), List.of("en")));
	}

	static double percentile(double[] sorted, int percentile) {
		int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
	}

}

package com.atelier.infra;

import java.io.PrintStream;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import com.atelier.infra.demo.DemoBrands;
import com.atelier.platform.tenancy.TenantMigrations;

/**
 * Tells whoever started {@code serve} where to look, once the server answers.
 */
@Component
class StartupBanner implements ApplicationListener<ApplicationReadyEvent> {

	private final TenantMigrations migrations;

	StartupBanner(TenantMigrations migrations) {
		this.migrations = migrations;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
			return;
		}
		Environment environment = event.getApplicationContext().getEnvironment();
		int port = web.getWebServer().getPort();
		PrintStream out = System.out;
		out.println();
		out.println("Atelier is running on http://127.0.0.1:" + port + " (" + database(environment) + ")");
		out.println("  Storefront API, per brand:  http://{slug}.localhost:" + port
				+ "/storefront/api/v1/brand, .../products, .../collections, .../markets");
		out.println("  Storefront GraphQL:         POST http://{slug}.localhost:" + port + "/storefront/graphql");
		out.println("  Admin API (OAuth2 tokens):  http://{slug}.localhost:" + port + "/admin/api/v1/...");
		if (environment.getProperty("atelier.demo", Boolean.class, false)) {
			out.println("  Demo brands:");
			for (DemoBrands.Demo demo : DemoBrands.BRANDS) {
				out.printf("    %-16s http://%s.localhost:%d/storefront/api/v1/brand%n", demo.name(), demo.slug(),
						port);
			}
			out.printf(
					"  Without *.localhost names: curl -H 'Host: %s.localhost' http://127.0.0.1:%d/storefront/api/v1/brand%n",
					DemoBrands.BRANDS.get(0).slug(), port);
			out.printf("  Products:   curl 'http://%s.localhost:%d/storefront/api/v1/products?first=5'%n",
					DemoBrands.BRANDS.get(0).slug(), port);
		}
		int behind = this.migrations.behind();
		if (behind > 0) {
			out.println("  WARNING: " + behind + " tenant(s) are behind the tenant changelog or failed their last"
					+ " migration; run: bin/atelier tenant migrate --all");
		}
		out.println("  New brand:  bin/atelier tenant create --slug my-brand --name \"My Brand\" --currency EUR");
		out.println("  Stop:       Ctrl-C");
		out.println();
		out.flush();
	}

	private static String database(Environment environment) {
		String mode = environment.getProperty("atelier.db.mode", "external");
		return switch (mode) {
			case "embedded" -> "embedded PostgreSQL, data in " + environment.getProperty("atelier.db.data-directory");
			case "embedded-attached" -> "embedded PostgreSQL started by another Atelier process, data in "
					+ environment.getProperty("atelier.db.data-directory");
			default -> "PostgreSQL at " + environment.getProperty("spring.datasource.url");
		};
	}

}

package com.atelier.infra.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import com.atelier.platform.tenancy.TenantExport;
import com.atelier.platform.tenancy.TenantSlug;

/**
 * {@code atelier tenant export}.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
		description = { "Writes every row the tenant owns to a zip: one CSV file per table and a manifest",
				"(docs/tenant-export-format.md). One consistent snapshot; the file appears only when complete." })
class TenantExportCommand implements Callable<Integer> {

	private final AtelierCli cli;

	@Parameters(paramLabel = "SLUG", description = "The tenant.")
	String slug;

	@Option(names = "--out", required = true, paramLabel = "FILE",
			description = "The zip file to write; must not exist.")
	Path out;

	TenantExportCommand(AtelierCli cli) {
		this.cli = cli;
	}

	@Override
	public Integer call() throws IOException {
		TenantSlug tenant = Slugs.parse(this.slug);
		TenantExport.Summary summary = this.cli.bean(TenantExport.class).export(tenant, this.out);
		this.cli.out()
			.printf("Exported %s: %d rows from %d tables to %s%n", tenant, summary.rows(), summary.tables(),
					summary.file());
		return AtelierCli.OK;
	}

}

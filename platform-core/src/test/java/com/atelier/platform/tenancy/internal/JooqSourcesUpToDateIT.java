package com.atelier.platform.tenancy.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.SchemaMappingType;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.Test;

import com.atelier.testing.TestDatabase;
import com.atelier.platform.tenancy.TenantSchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed jOOQ classes in {@code src/main/jooq} must be what jOOQ generates from a
 * real PostgreSQL migrated by our changelogs. When a changelog changes, regenerate them:
 * <pre>
 * bin/regenerate-jooq
 * </pre> and commit the result with the changelog.
 */
class JooqSourcesUpToDateIT {

	static final String PACKAGE = "com.atelier.platform.jooq";

	static final Path COMMITTED = Paths.get("src/main/jooq");

	@Test
	void committed_jooq_sources_match_the_changelogs() throws Exception {
		TestDatabase.Coordinates db = TestDatabase.database("jooq_codegen");
		LiquibaseRunner liquibase = new LiquibaseRunner(getClass().getClassLoader());
		try (Connection connection = db.connect()) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("create schema if not exists platform");
				statement.execute("create schema if not exists " + TenantSchema.TEMPLATE);
			}
			liquibase.update(connection, "platform", TenancyConfiguration.PLATFORM_CHANGELOG);
			liquibase.update(connection, TenantSchema.TEMPLATE, TenancyConfiguration.TENANT_CHANGELOG);
		}
		boolean write = Boolean.getBoolean("atelier.jooq.write");
		Path target = write ? COMMITTED : Paths.get("target/jooq-check");
		deleteRecursively(target);
		GenerationTool.generate(new Configuration()
			.withJdbc(new Jdbc().withUrl(db.url()).withUser(db.user()).withPassword(db.password()))
			.withGenerator(new Generator().withName("org.jooq.codegen.JavaGenerator")
				.withDatabase(new Database().withName("org.jooq.meta.postgres.PostgresDatabase")
					.withSchemata(new SchemaMappingType().withInputSchema("platform"),
							new SchemaMappingType().withInputSchema(TenantSchema.TEMPLATE))
					.withExcludes("databasechangelog|databasechangeloglock"))
				.withGenerate(new Generate().withGeneratedAnnotation(false)
					.withRecords(true)
					.withPojos(false)
					.withDaos(false)
					.withJavaTimeTypes(true))
				.withTarget(new Target().withPackageName(PACKAGE).withDirectory(target.toString()).withClean(true))));
		if (write) {
			return;
		}
		assertThat(contents(target)).as("src/main/jooq is stale: regenerate it (see this test's javadoc)")
			.isEqualTo(contents(COMMITTED));
	}

	private static Map<String, String> contents(Path root) throws IOException {
		Map<String, String> files = new TreeMap<>();
		if (!Files.exists(root)) {
			return files;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.filter(Files::isRegularFile).toList()) {
				files.put(root.relativize(path).toString(), Files.readString(path));
			}
		}
		return files;
	}

	private static void deleteRecursively(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}

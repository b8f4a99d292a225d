package com.atelier.platform.tenancy.internal;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.FastCheckService;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Runs a Liquibase changelog against one schema. Liquibase 5 is not safe to run twice at
 * once in one JVM (lock rows can be left set), so every run in this JVM is serialized on
 * one lock. The schema is given to Liquibase as its default schema, which also keys its
 * up-to-date cache per schema (leaving it unset silently skips later schemas).
 */
final class LiquibaseRunner {

	private static final ReentrantLock JVM_LOCK = new ReentrantLock(true);

	static {
		// Liquibase would otherwise try to send usage analytics.
		if (System.getProperty("liquibase.analytics.enabled") == null) {
			System.setProperty("liquibase.analytics.enabled", "false");
		}
		if (System.getProperty("liquibase.showBanner") == null) {
			System.setProperty("liquibase.showBanner", "false");
		}
	}

	private final ClassLoader classLoader;

	LiquibaseRunner(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	/**
	 * Applies a changelog to a schema on the given connection. The caller owns the
	 * connection and must not hand it to anyone else afterwards without resetting its
	 * session state.
	 * @param connection a connection, in auto-commit mode
	 * @param schema the unquoted schema name; it must exist
	 * @param changelog the changelog's class path location
	 */
	void update(Connection connection, String schema, String changelog) {
		JVM_LOCK.lock();
		try (PreparedStatement statement = connection
			.prepareStatement("select pg_catalog.set_config('search_path', ?, false)")) {
			statement.setString(1, '"' + schema + "\", public");
			statement.execute();
			Database database = DatabaseFactory.getInstance()
				.findCorrectDatabaseImplementation(new JdbcConnection(connection));
			database.setDefaultSchemaName(schema);
			database.setLiquibaseSchemaName(schema);
			Scope.child(scope(), () -> {
				// Its "up to date" cache outlives the run and cannot see changes made by
				// other processes; one query per run is cheap, a skipped tenant is not.
				Scope.getCurrentScope().getSingleton(FastCheckService.class).clearCache();
				return new CommandScope(UpdateCommandStep.COMMAND_NAME)
					.addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
					.addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
					.setOutput(OutputStream.nullOutputStream())
					.execute();
			});
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not prepare schema " + schema + " for migration", ex);
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
		finally {
			JVM_LOCK.unlock();
		}
	}

	/**
	 * Identifies a changelog's content: the number of changesets and a digest of their
	 * identities, in order. Equal heads mean equal changesets.
	 * @param changelog the changelog's class path location
	 * @return for example {@code 1-3f2a9c0d11e4}
	 */
	String head(String changelog) {
		try {
			List<ChangeSet> changeSets = Scope.child(scope(), () -> {
				ResourceAccessor accessor = Scope.getCurrentScope().getResourceAccessor();
				DatabaseChangeLog parsed = ChangeLogParserFactory.getInstance()
					.getParser(changelog, accessor)
					.parse(changelog, new ChangeLogParameters(), accessor);
				return parsed.getChangeSets();
			});
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (ChangeSet changeSet : changeSets) {
				String identity = changeSet.getFilePath() + "::" + changeSet.getId() + "::" + changeSet.getAuthor()
						+ "\n";
				digest.update(identity.getBytes(StandardCharsets.UTF_8));
			}
			return changeSets.size() + "-" + HexFormat.of().formatHex(digest.digest(), 0, 6);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot read changelog " + changelog + ": " + ex.getMessage(), ex);
		}
	}

	private Map<String, Object> scope() {
		return Map.of(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(this.classLoader),
				Scope.Attr.ui.name(), new LoggerUIService());
	}

}

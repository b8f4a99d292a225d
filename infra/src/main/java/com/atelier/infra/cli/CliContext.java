package com.atelier.infra.cli;

/**
 * Where CLI commands get the platform's services. The application context behind it
 * starts on first use, so {@code --help} and input errors never touch the database.
 */
public interface CliContext extends AutoCloseable {

	<T> T bean(Class<T> type);

	@Override
	void close();

}

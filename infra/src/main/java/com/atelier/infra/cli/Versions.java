package com.atelier.infra.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the application version from the jar manifest.
 */
class Versions implements IVersionProvider {

	@Override
	public String[] getVersion() {
		String version = Versions.class.getPackage().getImplementationVersion();
		return new String[] { "atelier " + ((version != null) ? version : "development build") };
	}

}

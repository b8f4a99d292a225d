package com.atelier.infra.db;

import java.nio.file.Path;

/**
 * The development master key (ADR 11): with the embedded database and no
 * {@code ATELIER_MASTER_KEY}, a random 256-bit key kept next to the data, readable by its
 * owner only. Production sets {@code ATELIER_MASTER_KEY} from a secret store.
 */
final class MasterKeyFile {

	private MasterKeyFile() {
	}

	static String readOrCreate(Path file) {
		return SecretFile.readOrCreate(file);
	}

}

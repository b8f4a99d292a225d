package com.atelier.infra.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The development master key (ADR 11): with the embedded database and no
 * {@code ATELIER_MASTER_KEY}, a random 256-bit key kept next to the data, readable by its
 * owner only. Production sets {@code ATELIER_MASTER_KEY} from a secret store.
 */
final class MasterKeyFile {

	private MasterKeyFile() {
	}

	static String readOrCreate(Path file) {
		try {
			if (Files.exists(file)) {
				return Files.readString(file, StandardCharsets.US_ASCII).strip();
			}
			Files.createDirectories(file.toAbsolutePath().getParent());
			byte[] key = new byte[32];
			new SecureRandom().nextBytes(key);
			String encoded = Base64.getEncoder().encodeToString(key);
			try {
				Files.createFile(file,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
				Files.writeString(file, encoded + "\n", StandardCharsets.US_ASCII);
				return encoded;
			}
			catch (FileAlreadyExistsException raced) {
				return Files.readString(file, StandardCharsets.US_ASCII).strip();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the master key " + file, ex);
		}
	}

}

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
 * A generated secret kept in a file of the data directory that only its owner may read
 * ({@code rw-------}): 32 random bytes, base64. Created on first use; read as it is
 * afterwards. Two processes creating it at once agree on the first one written.
 */
final class SecretFile {

	private static final SecureRandom RANDOM = new SecureRandom();

	private SecretFile() {
	}

	static String readOrCreate(Path file) {
		try {
			if (Files.exists(file)) {
				return Files.readString(file, StandardCharsets.US_ASCII).strip();
			}
			Files.createDirectories(file.toAbsolutePath().getParent());
			byte[] secret = new byte[32];
			RANDOM.nextBytes(secret);
			String encoded = Base64.getEncoder().encodeToString(secret);
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
			throw new UncheckedIOException("Cannot read or create " + file, ex);
		}
	}

}

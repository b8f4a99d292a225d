package com.atelier.platform.identity;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A shopper with an account at one brand.
 *
 * @param id stable id (the {@code sub} of their tokens)
 * @param email sign-in email, lower case
 * @param displayName name
 * @param emailVerified whether they proved they own the email
 * @param createdAt when they signed up
 */
public record Customer(UUID id, String email, @Nullable String displayName, boolean emailVerified, Instant createdAt) {
}

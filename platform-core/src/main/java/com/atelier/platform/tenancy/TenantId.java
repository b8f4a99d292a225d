package com.atelier.platform.tenancy;

import java.util.Objects;
import java.util.UUID;

/**
 * The immutable identity of a tenant. Unlike the slug, it is never reused.
 *
 * @param value the UUID
 */
public record TenantId(UUID value) {

	public TenantId {
		Objects.requireNonNull(value, "value");
	}

	public static TenantId random() {
		return new TenantId(UUID.randomUUID());
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}

package com.atelier.platform.identity;

import java.util.Objects;

/**
 * Who performs a change, as the audit log records it.
 *
 * @param type the kind of principal
 * @param id its stable id (staff id, client id, operator name)
 * @param name a readable name (email, integration name)
 */
public record Actor(Type type, String id, String name) {

	public Actor {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(name, "name");
	}

	/** A platform operator using the CLI or the operator API. */
	public static Actor operator(String name) {
		return new Actor(Type.OPERATOR, name, name);
	}

	public enum Type {

		STAFF, INTEGRATION, OPERATOR, SYSTEM

	}

}

package com.atelier.platform.identity;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The current tenant's audit log: who changed what, when, before and after.
 */
public interface AuditLog {

	/**
	 * Records a change in the current transaction (so it exists exactly when the change
	 * does).
	 * @param actor who
	 * @param action what, e.g. {@code staff.created}
	 * @param resourceType the kind of thing
	 * @param resourceId which one
	 * @param before its state before (serialized to JSON), or null
	 * @param after its state after (serialized to JSON), or null
	 */
	void record(Actor actor, String action, String resourceType, @Nullable String resourceId, @Nullable Object before,
			@Nullable Object after);

	/**
	 * Events newest first.
	 * @param after a cursor from a previous page, or null for the first page
	 * @param limit 1 to 200
	 * @return the page
	 */
	Page list(@Nullable String after, int limit);

	/**
	 * @param events the events
	 * @param next cursor of the next page, or null at the end
	 */
	record Page(List<AuditEvent> events, @Nullable String next) {
	}

}

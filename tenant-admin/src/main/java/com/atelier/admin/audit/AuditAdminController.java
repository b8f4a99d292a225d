package com.atelier.admin.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.atelier.platform.identity.AuditEvent;
import com.atelier.platform.identity.AuditLog;

/**
 * {@code GET /admin/api/v1/audit-events}: every admin change, newest first, with cursor
 * pagination ({@code ?after=NEXT&limit=50}).
 */
@RestController
class AuditAdminController {

	private final AuditLog audit;

	private final JsonMapper json;

	AuditAdminController(AuditLog audit, JsonMapper json) {
		this.audit = audit;
		this.json = json;
	}

	@GetMapping("/admin/api/v1/audit-events")
	AuditPage list(@RequestParam(required = false) @Nullable String after,
			@RequestParam(defaultValue = "50") int limit) {
		AuditLog.Page page = this.audit.list(after, limit);
		return new AuditPage(page.events().stream().map(this::resource).toList(), page.next());
	}

	private AuditResource resource(AuditEvent event) {
		return new AuditResource(event.id(), event.occurredAt(),
				new ActorResource(event.actor().type().name().toLowerCase(java.util.Locale.ROOT), event.actor().id(),
						event.actor().name()),
				event.action(), event.resourceType(), event.resourceId(), tree(event.before()), tree(event.after()));
	}

	private @Nullable JsonNode tree(@Nullable String value) {
		return (value != null) ? this.json.readTree(value) : null;
	}

	/**
	 * @param items events, newest first
	 * @param next cursor for the next page ({@code ?after=}), null at the end
	 */
	record AuditPage(List<AuditResource> items, @Nullable String next) {
	}

	/**
	 * @param type staff, integration, operator or system
	 * @param id their id
	 * @param name their name
	 */
	record ActorResource(String type, String id, String name) {
	}

	/**
	 * @param id event id
	 * @param occurredAt when
	 * @param actor who
	 * @param action what
	 * @param resourceType kind of resource
	 * @param resourceId which
	 * @param before state before
	 * @param after state after
	 */
	record AuditResource(UUID id, Instant occurredAt, ActorResource actor, String action, String resourceType,
			@Nullable String resourceId, @Nullable JsonNode before, @Nullable JsonNode after) {
	}

}

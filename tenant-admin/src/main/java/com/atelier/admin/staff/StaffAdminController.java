package com.atelier.admin.staff;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.atelier.platform.identity.InvalidIdentityRequest;
import com.atelier.platform.identity.Role;
import com.atelier.platform.identity.Staff;
import com.atelier.platform.identity.StaffMember;
import com.atelier.platform.identity.TenantTokens;
import com.atelier.platform.identity.UnknownPrincipal;

/**
 * {@code /admin/api/v1/staff}: the brand's staff.
 */
@RestController
class StaffAdminController {

	private final Staff staff;

	private final TenantTokens tokens;

	StaffAdminController(Staff staff, TenantTokens tokens) {
		this.staff = staff;
		this.tokens = tokens;
	}

	@GetMapping("/admin/api/v1/staff")
	StaffList list() {
		return new StaffList(this.staff.list().stream().map(StaffResource::of).toList());
	}

	@GetMapping("/admin/api/v1/staff/{id}")
	StaffResource get(@PathVariable UUID id) {
		return this.staff.find(id)
			.map(StaffResource::of)
			.orElseThrow(() -> new UnknownPrincipal("No staff member with id " + id + "."));
	}

	@PostMapping("/admin/api/v1/staff")
	ResponseEntity<CreatedStaff> create(@RequestBody NewStaff body, Authentication authentication) {
		if (body.email() == null || body.role() == null) {
			throw InvalidIdentityRequest.of(body.email() == null ? "email" : "role", "is required");
		}
		Staff.Invitation invitation = this.staff.create(body.email(), body.displayName(), role(body.role()),
				this.tokens.actor(authentication));
		StaffResource member = StaffResource.of(invitation.member());
		return ResponseEntity.created(URI.create("/admin/api/v1/staff/" + member.id()))
			.body(new CreatedStaff(member, invitation.oneTimePassword()));
	}

	@PatchMapping("/admin/api/v1/staff/{id}")
	StaffResource update(@PathVariable UUID id, @RequestBody StaffPatch body, Authentication authentication) {
		return StaffResource.of(this.staff.update(id, (body.role() != null) ? role(body.role()) : null, body.active(),
				body.displayName(), this.tokens.actor(authentication)));
	}

	private static Role role(String value) {
		try {
			return Role.valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw InvalidIdentityRequest.of("role", "must be one of OWNER, ADMIN, MERCHANDISER, FULFILLMENT, ANALYST");
		}
	}

	/**
	 * @param email sign-in email
	 * @param displayName name
	 * @param role OWNER, ADMIN, MERCHANDISER, FULFILLMENT or ANALYST
	 */
	record NewStaff(@Nullable String email, @Nullable String displayName, @Nullable String role) {
	}

	/**
	 * @param role new role
	 * @param active false disables sign-in and every token of the member
	 * @param displayName new name
	 */
	record StaffPatch(@Nullable String role, @Nullable Boolean active, @Nullable String displayName) {
	}

	/**
	 * @param member the new member
	 * @param oneTimePassword their initial password, shown once
	 */
	record CreatedStaff(StaffResource member, String oneTimePassword) {
	}

	/**
	 * @param items members, by email
	 */
	record StaffList(List<StaffResource> items) {
	}

	/**
	 * @param id id
	 * @param email email
	 * @param displayName name
	 * @param role role
	 * @param active may sign in
	 * @param createdAt added at
	 * @param lastLoginAt last sign-in
	 */
	record StaffResource(UUID id, String email, @Nullable String displayName, String role, boolean active,
			Instant createdAt, @Nullable Instant lastLoginAt) {

		static StaffResource of(StaffMember member) {
			return new StaffResource(member.id(), member.email(), member.displayName(), member.role().name(),
					member.active(), member.createdAt(), member.lastLoginAt());
		}

	}

}

package com.atelier.infra.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import com.atelier.platform.identity.Role;
import com.atelier.platform.identity.Staff;
import com.atelier.platform.identity.StaffMember;
import com.atelier.platform.identity.UnknownPrincipal;

/**
 * {@code atelier staff ...}: a brand's staff accounts.
 */
@Command(name = "staff", mixinStandardHelpOptions = true, description = "Manage a brand's staff accounts.",
		subcommands = { StaffCommand.Create.class, StaffCommand.ListStaff.class, StaffCommand.Disable.class })
class StaffCommand implements Runnable {

	@Override
	public void run() {
		throw new CliInputException("a staff command is required (create, list, disable)");
	}

	@Command(name = "create", mixinStandardHelpOptions = true,
			description = { "Adds a staff member and prints their one-time password (shown once).",
					"Roles: OWNER, ADMIN, MERCHANDISER, FULFILLMENT, ANALYST." })
	static class Create implements Callable<Integer> {

		private final AtelierCli cli;

		@Parameters(paramLabel = "SLUG", description = "The brand.")
		String slug;

		@Option(names = "--email", required = true, paramLabel = "EMAIL", description = "Sign-in email.")
		String email;

		@Option(names = "--role", required = true, paramLabel = "ROLE",
				description = "OWNER, ADMIN, MERCHANDISER," + " FULFILLMENT or ANALYST.")
		String role;

		@Option(names = "--name", paramLabel = "NAME", description = "Display name.")
		String name;

		Create(AtelierCli cli) {
			this.cli = cli;
		}

		@Override
		public Integer call() {
			Role parsed = role(this.role);
			Staff.Invitation invitation = TenantScope.call(this.cli, this.slug,
					() -> this.cli.bean(Staff.class).create(this.email, this.name, parsed, TenantScope.operator()));
			var out = this.cli.out();
			out.println(
					"Created " + invitation.member().role() + " " + invitation.member().email() + " in " + this.slug);
			out.println("  id:                " + invitation.member().id());
			out.println("  one-time password: " + invitation.oneTimePassword());
			out.println("  sign in at:        http://" + this.slug
					+ ".localhost:8080/login/staff (admin console client:" + " admin-console)");
			return AtelierCli.OK;
		}

	}

	@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists a brand's staff.")
	static class ListStaff implements Callable<Integer> {

		private final AtelierCli cli;

		@Parameters(paramLabel = "SLUG", description = "The brand.")
		String slug;

		@Option(names = "--json", description = "Print JSON.")
		boolean json;

		ListStaff(AtelierCli cli) {
			this.cli = cli;
		}

		@Override
		public Integer call() {
			java.util.List<StaffMember> members = TenantScope.call(this.cli, this.slug,
					() -> this.cli.bean(Staff.class).list());
			var out = this.cli.out();
			if (this.json) {
				out.println(TenantViews.toJson(members.stream().map(StaffCommand::json).toList()));
				return AtelierCli.OK;
			}
			String format = "%-36s  %-40s  %-12s  %s%n";
			out.printf(format, "ID", "EMAIL", "ROLE", "STATUS");
			for (StaffMember member : members) {
				out.printf(format, member.id(), member.email(), member.role(), member.active() ? "active" : "disabled");
			}
			return AtelierCli.OK;
		}

	}

	@Command(name = "disable", mixinStandardHelpOptions = true,
			description = "Disables a staff member: no sign-in, and their tokens stop working within seconds.")
	static class Disable implements Callable<Integer> {

		private final AtelierCli cli;

		@Parameters(paramLabel = "SLUG", description = "The brand.")
		String slug;

		@Option(names = "--email", required = true, paramLabel = "EMAIL", description = "The staff member.")
		String email;

		Disable(AtelierCli cli) {
			this.cli = cli;
		}

		@Override
		public Integer call() {
			StaffMember member = TenantScope.call(this.cli, this.slug, () -> {
				Staff staff = this.cli.bean(Staff.class);
				StaffMember found = staff.findByEmail(this.email)
					.orElseThrow(
							() -> new UnknownPrincipal("No staff member '" + this.email + "' in " + this.slug + "."));
				return found.active() ? staff.update(found.id(), null, false, null, TenantScope.operator()) : found;
			});
			this.cli.out().println("Disabled " + member.email() + " in " + this.slug);
			return AtelierCli.OK;
		}

	}

	static Role role(String value) {
		try {
			return Role.valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new CliInputException("--role must be one of OWNER, ADMIN, MERCHANDISER, FULFILLMENT, ANALYST");
		}
	}

	static Map<String, Object> json(StaffMember member) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", member.id().toString());
		view.put("email", member.email());
		view.put("displayName", member.displayName());
		view.put("role", member.role().name());
		view.put("active", member.active());
		view.put("createdAt", member.createdAt().toString());
		return view;
	}

}

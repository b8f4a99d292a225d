package com.atelier.infra.cli;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import com.atelier.platform.identity.Integration;
import com.atelier.platform.identity.Integrations;
import com.atelier.platform.identity.Permission;

/**
 * {@code atelier client ...}: a brand's integrations (client credentials clients).
 */
@Command(name = "client", mixinStandardHelpOptions = true,
		description = "Manage a brand's integrations (OAuth2 client credentials).",
		subcommands = { ClientCommand.Create.class, ClientCommand.ListClients.class, ClientCommand.Revoke.class })
class ClientCommand implements Runnable {

	@Override
	public void run() {
		throw new CliInputException("a client command is required (create, list, revoke)");
	}

	@Command(name = "create", mixinStandardHelpOptions = true,
			description = { "Creates an integration and prints its client id and secret (the secret is shown once).",
					"Scopes are permissions, e.g. brand:read staff:read audit:read." })
	static class Create implements Callable<Integer> {

		private final AtelierCli cli;

		@Parameters(paramLabel = "SLUG", description = "The brand.")
		String slug;

		@Option(names = "--name", required = true, paramLabel = "NAME", description = "What the integration is.")
		String name;

		@Option(names = "--scopes", required = true, arity = "1..*", split = ",", paramLabel = "SCOPE",
				description = "Permissions it may request.")
		List<String> scopes = new ArrayList<>();

		Create(AtelierCli cli) {
			this.cli = cli;
		}

		@Override
		public Integer call() {
			Set<Permission> permissions = EnumSet.noneOf(Permission.class);
			for (String scope : this.scopes) {
				permissions.add(Permission.fromScope(scope.strip())
					.orElseThrow(() -> new CliInputException("unknown scope '" + scope + "'; known: "
							+ EnumSet.allOf(Permission.class)
								.stream()
								.map(Permission::scope)
								.collect(Collectors.joining(" ")))));
			}
			Integrations.Credentials credentials = TenantScope.call(this.cli, this.slug,
					() -> this.cli.bean(Integrations.class).create(this.name, permissions, TenantScope.operator()));
			var out = this.cli.out();
			out.println("Created integration '" + this.name + "' in " + this.slug);
			out.println("  client id:     " + credentials.clientId());
			out.println("  client secret: " + credentials.clientSecret() + "   (shown once; store it now)");
			out.println("  token:         POST http://" + this.slug + ".localhost:8080/oauth2/token"
					+ " grant_type=client_credentials");
			return AtelierCli.OK;
		}

	}

	@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists a brand's integrations.")
	static class ListClients implements Callable<Integer> {

		private final AtelierCli cli;

		@Parameters(paramLabel = "SLUG", description = "The brand.")
		String slug;

		@Option(names = "--json", description = "Print JSON.")
		boolean json;

		ListClients(AtelierCli cli) {
			this.cli = cli;
		}

		@Override
		public Integer call() {
			List<Integration> integrations = TenantScope.call(this.cli, this.slug,
					() -> this.cli.bean(Integrations.class).list());
			var out = this.cli.out();
			if (this.json) {
				out.println(TenantViews.toJson(integrations.stream().map(ClientCommand::json).toList()));
				return AtelierCli.OK;
			}
			String format = "%-24s  %-30s  %-8s  %s%n";
			out.printf(format, "CLIENT ID", "NAME", "STATUS", "SCOPES");
			for (Integration integration : integrations) {
				out.printf(format, integration.clientId(), integration.name(),
						integration.active() ? "active" : "revoked", scopes(integration));
			}
			return AtelierCli.OK;
		}

	}

	@Command(name = "revoke", mixinStandardHelpOptions = true,
			description = "Revokes an integration: no new tokens, and the ones it holds stop working within seconds.")
	static class Revoke implements Callable<Integer> {

		private final AtelierCli cli;

		@Parameters(paramLabel = "SLUG", description = "The brand.")
		String slug;

		@Option(names = "--client-id", required = true, paramLabel = "ID", description = "The integration.")
		String clientId;

		Revoke(AtelierCli cli) {
			this.cli = cli;
		}

		@Override
		public Integer call() {
			boolean revoked = TenantScope.call(this.cli, this.slug,
					() -> this.cli.bean(Integrations.class).revoke(this.clientId, TenantScope.operator()));
			this.cli.out()
				.println(revoked ? "Revoked " + this.clientId + " in " + this.slug
						: this.clientId + " was already revoked");
			return AtelierCli.OK;
		}

	}

	private static String scopes(Integration integration) {
		return integration.scopes().stream().map(Permission::scope).sorted().collect(Collectors.joining(" "));
	}

	static Map<String, Object> json(Integration integration) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("clientId", integration.clientId());
		view.put("name", integration.name());
		view.put("scopes", integration.scopes().stream().map(Permission::scope).sorted().toList());
		view.put("active", integration.active());
		view.put("createdAt", integration.createdAt().toString());
		view.put("createdBy", integration.createdBy());
		return view;
	}

}

package com.atelier.infra.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.atelier.platform.identity.Operators;
import com.atelier.testing.TestTenants;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code atelier staff|client|keys|operator ...}: output, exit codes and refusals.
 */
class IdentityCliIT {

	static CliHarness cli;

	static String brand;

	@BeforeAll
	static void start() {
		cli = new CliHarness("cli_identity");
		brand = TestTenants.uniqueSlug("id");
		assertThat(cli.run("tenant", "create", "--slug", brand, "--name", "Maison ID", "--currency", "EUR").code())
			.isZero();
	}

	@AfterAll
	static void stop() {
		cli.close();
	}

	@Test
	void staff_create_list_and_disable() {
		CliHarness.Run created = cli.run("staff", "create", brand, "--email", "Owner@Example.com", "--role", "owner");
		assertThat(created.code()).as(created.toString()).isZero();
		assertThat(created.out()).contains("Created OWNER owner@example.com in " + brand)
			.containsPattern("one-time password: [A-Za-z0-9]{20}");

		CliHarness.Run list = cli.run("staff", "list", brand, "--json");
		JsonNode members = JsonMapper.builder().build().readTree(list.out());
		assertThat(members.valueStream().map((m) -> m.get("email").asString())).contains("owner@example.com");

		assertThat(cli.run("staff", "create", brand, "--email", "owner@example.com", "--role", "ADMIN").err())
			.contains("already exists");
		CliHarness.Run badRole = cli.run("staff", "create", brand, "--email", "x@example.com", "--role", "KING");
		assertThat(badRole.code()).isEqualTo(AtelierCli.INVALID);
		assertThat(badRole.err()).contains("--role must be one of");
		CliHarness.Run badEmail = cli.run("staff", "create", brand, "--email", "nope", "--role", "ADMIN");
		assertThat(badEmail.code()).isEqualTo(AtelierCli.INVALID);
		assertThat(cli.run("staff", "create", "no-such-brand", "--email", "a@example.com", "--role", "ADMIN").code())
			.isEqualTo(AtelierCli.FAILED);

		assertThat(cli.run("staff", "create", brand, "--email", "second@example.com", "--role", "owner").code())
			.isZero();
		CliHarness.Run disabled = cli.run("staff", "disable", brand, "--email", "second@example.com");
		assertThat(disabled.code()).as(disabled.toString()).isZero();
		assertThat(cli.run("staff", "list", brand).out()).containsPattern("second@example.com +OWNER +disabled");
		assertThat(cli.run("staff", "disable", brand, "--email", "nobody@example.com").code())
			.isEqualTo(AtelierCli.FAILED);
	}

	@Test
	void client_create_list_and_revoke() {
		CliHarness.Run created = cli.run("client", "create", brand, "--name", "ERP", "--scopes",
				"brand:read,staff:read");
		assertThat(created.code()).as(created.toString()).isZero();
		Matcher id = Pattern.compile("client id: +(int_\\S+)").matcher(created.out());
		assertThat(id.find()).isTrue();
		assertThat(created.out()).containsPattern("client secret: atl_cs_\\S{20,}");
		assertThat(cli.run("client", "list", brand).out())
			.containsPattern(id.group(1) + " +ERP +active +brand:read staff:read");

		CliHarness.Run badScope = cli.run("client", "create", brand, "--name", "X", "--scopes", "everything");
		assertThat(badScope.code()).isEqualTo(AtelierCli.INVALID);
		assertThat(badScope.err()).contains("unknown scope 'everything'");

		assertThat(cli.run("client", "revoke", brand, "--client-id", id.group(1)).out()).contains("Revoked");
		assertThat(cli.run("client", "revoke", brand, "--client-id", id.group(1)).out()).contains("already revoked");
		assertThat(cli.run("client", "list", brand, "--json").out()).contains("\"active\" : false");
		assertThat(cli.run("client", "revoke", brand, "--client-id", "int_nope").code()).isEqualTo(AtelierCli.FAILED);
	}

	@Test
	void keys_rotate_and_list() {
		CliHarness.Run rotated = cli.run("keys", "rotate", brand);
		assertThat(rotated.code()).as(rotated.toString()).isZero();
		String kid = rotated.out().replaceAll("(?s).*new signing key (\\S+).*", "$1");
		CliHarness.Run list = cli.run("keys", "list", brand);
		assertThat(list.out()).containsPattern(Pattern.quote(kid) + " +RS256 +signing").contains("retired");

		CliHarness.Run emergency = cli.run("keys", "rotate", brand, "--emergency");
		assertThat(emergency.code()).as(emergency.toString()).isZero();
		assertThat(emergency.out()).contains("every earlier key is revoked");
		assertThat(cli.run("keys", "list", brand).out()).containsPattern(Pattern.quote(kid) + " +RS256 +revoked");
	}

	@Test
	void operator_create_list_and_revoke() {
		String name = TestTenants.uniqueSlug("alice");
		CliHarness.Run created = cli.run("operator", "create", "--name", name);
		assertThat(created.code()).isZero();
		Matcher token = Pattern.compile("token: (atl_op_\\S+)").matcher(created.out());
		assertThat(token.find()).isTrue();
		assertThat(cli.bean(Operators.class).authenticate(token.group(1))).isPresent();
		assertThat(cli.run("operator", "list").out()).containsPattern(name + " .* active");
		assertThat(cli.run("operator", "create", "--name", name).code()).isEqualTo(AtelierCli.INVALID);
		assertThat(cli.run("operator", "revoke", name).code()).isZero();
		assertThat(cli.bean(Operators.class).authenticate(token.group(1))).isEmpty();
		assertThat(cli.run("operator", "revoke", name).code()).isEqualTo(AtelierCli.FAILED);
	}

}

package com.atelier.platform.problem;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.http.ProblemDetail;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Problems quote what clients sent as short prefixes, and cut whatever is still too long
 * (issue 12, defect 5).
 */
class ProblemsTest {

	@Test
	void a_quoted_value_is_a_short_prefix_with_control_characters_escaped() {
		assertThat(Problems.quote("carre-aurore")).isEqualTo("'carre-aurore'");
		assertThat(Problems.quote("a".repeat(10_000))).isEqualTo("'" + "a".repeat(40) + "…'");
		assertThat(Problems.quote("a\u0000b")).isEqualTo("'a\\u0000b'");
		assertThat(Problems.quote(null)).isEqualTo("'null'");
		assertThat(Problems.quote("😀".repeat(30))).hasSizeLessThan(90);
	}

	@Test
	void details_field_problems_and_their_number_are_capped() {
		List<FieldProblem> many = IntStream.range(0, 500)
			.mapToObj((i) -> new FieldProblem("f".repeat(1000), "m".repeat(1000)))
			.toList();
		ProblemDetail problem = Problems.of(Problems.INVALID_REQUEST, "d".repeat(100_000), many);
		assertThat(problem.getDetail()).hasSizeLessThanOrEqualTo(Problems.MAX_DETAIL + 1);
		@SuppressWarnings("unchecked")
		List<Map<String, String>> errors = (List<Map<String, String>>) problem.getProperties().get("errors");
		assertThat(errors).hasSize(Problems.MAX_FIELD_PROBLEMS);
		assertThat(errors.get(0).get("field")).hasSizeLessThanOrEqualTo(Problems.MAX_FIELD_TEXT + 1);
		assertThat(errors.get(0).get("message")).hasSizeLessThanOrEqualTo(Problems.MAX_FIELD_TEXT + 1);
	}

	@Test
	void the_instance_is_the_path_cut_short_and_always_a_valid_uri() {
		assertThat(Problems.instance("/storefront/api/v1/brand")).hasToString("/storefront/api/v1/brand");
		assertThat(Problems.instance("/p/" + "a".repeat(10_000)).toString()).hasSize(Problems.MAX_INSTANCE + 3)
			.endsWith("...");
		assertThat(Problems.instance("/p/%zz/{x}|\"é")).hasToString("/p/%25zz/%7Bx%7D%7C%22%C3%A9");
		assertThat(Problems.instance("/p/" + "a".repeat(Problems.MAX_INSTANCE - 4) + "%C3%A9").toString())
			.doesNotContain("%C...")
			.endsWith("...");
	}

	@Test
	void refusals_known_by_status_have_atelier_types() {
		assertThat(Problems.forStatus(413)).isEqualTo(Problems.PAYLOAD_TOO_LARGE);
		assertThat(Problems.forStatus(415).slug()).isEqualTo("http-415");
		assertThat(Problems.forStatus(505)).isEqualTo(Problems.INTERNAL);
	}

}

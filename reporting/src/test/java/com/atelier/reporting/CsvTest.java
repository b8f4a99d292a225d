package com.atelier.reporting;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CSV cells as RFC 4180 quotes them, and text that a spreadsheet would run as a formula.
 */
class CsvTest {

	@Test
	void cells_with_commas_quotes_or_line_breaks_are_quoted_with_quotes_doubled() {
		assertThat(Csv.field("plain", true)).isEqualTo("plain");
		assertThat(Csv.field("a,b", true)).isEqualTo("\"a,b\"");
		assertThat(Csv.field("say \"hi\"", true)).isEqualTo("\"say \"\"hi\"\"\"");
		assertThat(Csv.field("two\nlines", true)).isEqualTo("\"two\nlines\"");
		assertThat(Csv.field("cr\rhere", true)).isEqualTo("\"cr\rhere\"");
		assertThat(Csv.field("Écharpe – soie", true)).isEqualTo("Écharpe – soie");
		assertThat(Csv.field("", true)).isEmpty();
	}

	@Test
	void text_that_looks_like_a_formula_gets_an_apostrophe_but_numbers_do_not() {
		assertThat(Csv.field("=HYPERLINK(\"http://x\")", true)).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
		assertThat(Csv.field("+1", true)).isEqualTo("'+1");
		assertThat(Csv.field("-1", true)).isEqualTo("'-1");
		assertThat(Csv.field("@SUM(A1)", true)).isEqualTo("'@SUM(A1)");
		assertThat(Csv.field("\tx", true)).isEqualTo("'\tx");
		assertThat(Csv.field("-100.00", false)).isEqualTo("-100.00");
	}

}

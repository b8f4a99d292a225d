package com.atelier.platform.catalog.internal;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.atelier.platform.catalog.Handles;
import com.atelier.platform.catalog.ProductInput;
import com.atelier.platform.catalog.VariantInput;
import com.atelier.platform.problem.FieldProblem;
import com.atelier.platform.problem.Problems;

/**
 * Field checks of catalog input; problems are collected, not thrown one by one.
 */
final class CatalogValidation {

	private static final Pattern SKU = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");

	private CatalogValidation() {
	}

	static void handle(String field, @Nullable String handle, List<FieldProblem> problems) {
		if (handle == null || !Handles.valid(handle)) {
			problems.add(new FieldProblem(field, Handles.message()));
		}
	}

	static void text(String field, @Nullable String value, boolean required, int max, List<FieldProblem> problems) {
		if (value == null || value.isBlank()) {
			if (required) {
				problems.add(new FieldProblem(field, "is required"));
			}
			return;
		}
		if (value.length() > max) {
			problems.add(new FieldProblem(field, "must be at most " + max + " characters"));
		}
	}

	static void sku(String field, @Nullable String sku, List<FieldProblem> problems) {
		if (sku == null || !SKU.matcher(sku).matches()) {
			problems.add(new FieldProblem(field, "must be 1 to 64 letters, digits, '.', '_' or '-'"));
		}
	}

	static void weight(String field, @Nullable Integer grams, List<FieldProblem> problems) {
		if (grams != null && (grams < 0 || grams > 1_000_000)) {
			problems.add(new FieldProblem(field, "must be between 0 and 1000000 grams"));
		}
	}

	static void media(@Nullable List<ProductInput.Media> media, List<FieldProblem> problems) {
		if (media == null) {
			return;
		}
		if (media.size() > 50) {
			problems.add(new FieldProblem("media", "at most 50 images"));
		}
		for (int i = 0; i < media.size(); i++) {
			ProductInput.Media item = media.get(i);
			if (item == null || !httpUrl(item.url())) {
				problems.add(new FieldProblem("media[" + i + "].url", "must be an absolute http or https URL"));
			}
			else {
				text("media[" + i + "].altText", item.altText(), false, 500, problems);
			}
		}
	}

	static void attributes(@Nullable Map<String, String> attributes, List<FieldProblem> problems) {
		if (attributes == null) {
			return;
		}
		if (attributes.size() > 50) {
			problems.add(new FieldProblem("attributes", "at most 50 attributes"));
		}
		attributes.forEach((key, value) -> {
			if (key == null || key.isBlank() || key.length() > 100) {
				problems.add(new FieldProblem("attributes", "names must be 1 to 100 characters"));
			}
			else if (value == null || value.length() > 1000) {
				problems.add(new FieldProblem("attributes." + Problems.prefix(key, Problems.MAX_QUOTED),
						"must be at most 1000 characters"));
			}
		});
	}

	static void translations(@Nullable Map<String, ProductInput.Translation> translations,
			List<FieldProblem> problems) {
		if (translations == null) {
			return;
		}
		java.util.Set<String> seen = new java.util.HashSet<>();
		translations.forEach((locale, translation) -> {
			String field = "translations." + locale;
			if (!locale(locale)) {
				problems.add(new FieldProblem(field, "is not a BCP 47 language tag"));
			}
			else if (!seen
				.add(java.util.Locale.forLanguageTag(locale).toLanguageTag().toLowerCase(java.util.Locale.ROOT))) {
				problems.add(new FieldProblem(field, "is the same language as another translation"));
			}
			else if (translation == null) {
				problems.add(new FieldProblem(field, "is required"));
			}
			else {
				text(field + ".title", translation.title(), true, 300, problems);
				text(field + ".description", translation.description(), false, 20_000, problems);
				text(field + ".seoTitle", translation.seoTitle(), false, 300, problems);
				text(field + ".seoDescription", translation.seoDescription(), false, 1000, problems);
			}
		});
	}

	/** Options per product (README: catalogue limits). */
	static final int MAX_OPTIONS = 3;

	/** Values per option. */
	static final int MAX_OPTION_VALUES = 100;

	/** Variants per product. */
	static final int MAX_VARIANTS = 250;

	/**
	 * Options and the variants they define: every variant has one listed value per
	 * option; at most {@value #MAX_OPTIONS} options of at most
	 * {@value #MAX_OPTION_VALUES} values, and at most {@value #MAX_VARIANTS} variants.
	 */
	static void optionsAndVariants(@Nullable List<ProductInput.Option> options, @Nullable List<VariantInput> variants,
			List<FieldProblem> problems) {
		List<ProductInput.Option> declared = (options != null) ? options : List.of();
		if (declared.size() > MAX_OPTIONS) {
			problems.add(new FieldProblem("options", "at most " + MAX_OPTIONS + " options"));
			return;
		}
		Set<String> names = new HashSet<>();
		for (int i = 0; i < declared.size(); i++) {
			ProductInput.Option option = declared.get(i);
			if (option == null || option.name() == null || option.name().isBlank() || option.name().length() > 100) {
				problems.add(new FieldProblem("options[" + i + "].name", "must be 1 to 100 characters"));
			}
			else if (!names.add(option.name().strip().toLowerCase(Locale.ROOT))) {
				problems.add(new FieldProblem("options[" + i + "].name", "is given twice"));
			}
			if (option == null || option.values() == null || option.values().isEmpty()
					|| option.values().stream().anyMatch((v) -> v == null || v.isBlank() || v.length() > 100)
					|| new HashSet<>(option.values()).size() != option.values().size()) {
				problems.add(new FieldProblem("options[" + i + "].values", "must be 1 or more distinct values"));
			}
			else if (option.values().size() > MAX_OPTION_VALUES) {
				problems.add(new FieldProblem("options[" + i + "].values", "at most " + MAX_OPTION_VALUES + " values"));
			}
		}
		if (variants == null || variants.isEmpty()) {
			problems.add(new FieldProblem("variants", "at least one variant"));
			return;
		}
		if (variants.size() > MAX_VARIANTS) {
			problems.add(new FieldProblem("variants", "at most " + MAX_VARIANTS + " variants"));
			return;
		}
		if (declared.isEmpty() && variants.size() > 1) {
			problems.add(new FieldProblem("variants", "a product without options has exactly one variant"));
		}
		Set<String> skus = new HashSet<>();
		Set<List<String>> combinations = new HashSet<>();
		for (int i = 0; i < variants.size(); i++) {
			VariantInput variant = variants.get(i);
			String field = "variants[" + i + "]";
			if (variant == null) {
				problems.add(new FieldProblem(field, "is required"));
				continue;
			}
			sku(field + ".sku", variant.sku(), problems);
			if (variant.sku() != null && !skus.add(variant.sku())) {
				problems.add(new FieldProblem(field + ".sku", "is given twice"));
			}
			text(field + ".title", variant.title(), false, 300, problems);
			weight(field + ".weightGrams", variant.weightGrams(), problems);
			List<String> values = (variant.optionValues() != null) ? variant.optionValues() : List.of();
			if (values.size() != declared.size()) {
				problems.add(new FieldProblem(field + ".optionValues",
						"must give one value per option (" + declared.size() + ")"));
				continue;
			}
			for (int o = 0; o < values.size(); o++) {
				ProductInput.Option option = declared.get(o);
				if (option != null && option.values() != null && !option.values().contains(values.get(o))) {
					problems.add(new FieldProblem(field + ".optionValues[" + o + "]",
							Problems.quote(values.get(o)) + " is not a value of " + Problems.quote(option.name())));
				}
			}
			if (!combinations.add(values)) {
				problems.add(new FieldProblem(field + ".optionValues", "another variant has the same values"));
			}
		}
	}

	static boolean httpUrl(@Nullable String value) {
		if (value == null || value.length() > 2000) {
			return false;
		}
		try {
			URI uri = URI.create(value);
			return uri.isAbsolute() && uri.getHost() != null
					&& ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	static boolean locale(String tag) {
		Locale locale = Locale.forLanguageTag(tag);
		return !locale.getLanguage().isEmpty() && locale.toLanguageTag().equalsIgnoreCase(tag);
	}

}

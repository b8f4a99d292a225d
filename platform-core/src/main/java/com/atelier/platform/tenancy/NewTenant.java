package com.atelier.platform.tenancy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.atelier.platform.money.CurrencyCode;
import com.atelier.platform.problem.FieldProblem;
import com.atelier.platform.problem.Problems;

/**
 * A validated request to create a tenant. Build it with {@link #of}, which reports every
 * invalid field at once.
 *
 * @param slug the slug
 * @param displayName the brand's name
 * @param defaultCurrency the currency of its first market
 * @param domains host names to serve it on, lower case, without duplicates
 * @param locales BCP 47 tags, the first is the default; never empty
 */
public record NewTenant(TenantSlug slug, String displayName, CurrencyCode defaultCurrency, List<String> domains,
		List<String> locales) {

	private static final Pattern HOST = Pattern
		.compile("^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$");

	private static final int MAX_NAME = 200;

	public NewTenant {
		Objects.requireNonNull(slug, "slug");
		Objects.requireNonNull(displayName, "displayName");
		Objects.requireNonNull(defaultCurrency, "defaultCurrency");
		domains = List.copyOf(domains);
		locales = List.copyOf(locales);
		if (locales.isEmpty()) {
			throw new IllegalArgumentException("at least one locale");
		}
	}

	public String defaultLocale() {
		return this.locales.get(0);
	}

	/**
	 * Validates raw input, as the CLI or the operator API received it.
	 * @param slug candidate slug
	 * @param displayName brand name
	 * @param currency ISO 4217 code
	 * @param domains host names; may be empty
	 * @param locales BCP 47 tags; empty means {@code en}
	 * @return the command
	 * @throws InvalidTenantRequest listing every invalid field
	 */
	public static NewTenant of(String slug, String displayName, String currency, List<String> domains,
			List<String> locales) {
		List<FieldProblem> problems = new ArrayList<>();
		TenantSlug.problem(slug).ifPresent((message) -> problems.add(new FieldProblem("slug", message)));
		String name = displayName.strip();
		if (name.isEmpty() || name.length() > MAX_NAME) {
			problems.add(new FieldProblem("name", "must be 1 to " + MAX_NAME + " characters"));
		}
		if (CurrencyCode.parse(currency).isEmpty()) {
			problems.add(new FieldProblem("currency", Problems.quote(currency)
					+ " is not an ISO 4217 currency code with minor units (for example EUR, JPY, BHD)"));
		}
		Set<String> hosts = new LinkedHashSet<>();
		for (String domain : domains) {
			String host = normalizeHost(domain);
			if (!HOST.matcher(host).matches()) {
				problems.add(new FieldProblem("domain", Problems.quote(domain) + " is not a valid host name"));
			}
			else if (host.equals("localhost") || host.endsWith(".localhost")) {
				problems.add(new FieldProblem("domain", Problems.quote(domain)
						+ " is reserved: every tenant is served at {slug}.localhost in development"));
			}
			else if (!hosts.add(host)) {
				problems.add(new FieldProblem("domain", Problems.quote(domain) + " is given twice"));
			}
		}
		List<String> tags = new ArrayList<>();
		for (String locale : locales) {
			String tag = normalizeLocale(locale);
			if (tag == null) {
				problems.add(new FieldProblem("locale",
						Problems.quote(locale) + " is not a BCP 47 language tag (for example" + " en, fr-FR, ja-JP)"));
			}
			else if (!tags.contains(tag)) {
				tags.add(tag);
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidTenantRequest(problems);
		}
		if (tags.isEmpty()) {
			tags.add("en");
		}
		return new NewTenant(new TenantSlug(slug), name, new CurrencyCode(currency), List.copyOf(hosts), tags);
	}

	static String normalizeHost(String host) {
		String lower = host.strip().toLowerCase(Locale.ROOT);
		return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
	}

	private static @Nullable String normalizeLocale(String candidate) {
		String trimmed = candidate.strip();
		if (trimmed.isEmpty() || trimmed.contains("_")) {
			return null;
		}
		Locale locale = Locale.forLanguageTag(trimmed);
		String tag = locale.toLanguageTag();
		if (locale.getLanguage().isEmpty() || !tag.equalsIgnoreCase(trimmed)) {
			return null;
		}
		return tag;
	}

}

package com.atelier.platform.brand;

import java.net.URI;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.atelier.platform.problem.FieldProblem;

/**
 * A partial update of brand settings: {@code null} leaves a field as it is.
 *
 * @param displayName new name, 1 to 200 characters
 * @param logoUrl new logo URL, absolute http(s)
 * @param primaryColor {@code #RRGGBB}
 * @param accentColor {@code #RRGGBB}
 * @param backgroundColor {@code #RRGGBB}
 * @param timeZone an IANA time zone such as {@code Europe/Paris}
 */
public record BrandChanges(@Nullable String displayName, @Nullable String logoUrl, @Nullable String primaryColor,
		@Nullable String accentColor, @Nullable String backgroundColor, @Nullable String timeZone) {

	/** Changes without a time zone. */
	public BrandChanges(@Nullable String displayName, @Nullable String logoUrl, @Nullable String primaryColor,
			@Nullable String accentColor, @Nullable String backgroundColor) {
		this(displayName, logoUrl, primaryColor, accentColor, backgroundColor, null);
	}

	private static final Pattern COLOR = Pattern.compile("^#[0-9A-Fa-f]{6}$");

	public BrandChanges {
		List<FieldProblem> problems = new ArrayList<>();
		if (displayName != null && (displayName.isBlank() || displayName.length() > 200)) {
			problems.add(new FieldProblem("displayName", "must be 1 to 200 characters"));
		}
		if (logoUrl != null && !isHttpUrl(logoUrl)) {
			problems.add(new FieldProblem("logoUrl", "must be an absolute http or https URL"));
		}
		color("primaryColor", primaryColor, problems);
		color("accentColor", accentColor, problems);
		color("backgroundColor", backgroundColor, problems);
		if (timeZone != null && !isRegionZone(timeZone)) {
			problems.add(new FieldProblem("timeZone", "must be an IANA time zone such as Europe/Paris or UTC"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidBrandChanges(problems);
		}
	}

	private static void color(String field, @Nullable String value, List<FieldProblem> problems) {
		if (value != null && !COLOR.matcher(value).matches()) {
			problems.add(new FieldProblem(field, "must be a colour as #RRGGBB"));
		}
	}

	/**
	 * @param value a zone name
	 * @return whether it is an IANA zone name (Europe/Paris, UTC); offsets such as
	 * {@code +01:00} are refused because they ignore daylight saving time
	 */
	public static boolean isRegionZone(String value) {
		return ZoneId.getAvailableZoneIds().contains(value);
	}

	private static boolean isHttpUrl(String value) {
		try {
			URI uri = URI.create(value);
			return uri.isAbsolute() && uri.getHost() != null
					&& ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}

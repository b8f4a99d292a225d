package com.atelier.platform.brand.internal;

import java.time.OffsetDateTime;
import java.util.Locale;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

import com.atelier.platform.brand.BrandChanges;

/**
 * The single row of {@code brand_settings} in a tenant's schema.
 */
@Entity
@Table(name = "brand_settings")
public class BrandSettings {

	static final short SINGLETON = 1;

	@Id
	private Short id = SINGLETON;

	@Column(name = "display_name", nullable = false)
	private String displayName = "";

	@Column(name = "logo_url")
	private @Nullable String logoUrl;

	@Column(name = "primary_color", nullable = false)
	private String primaryColor = "";

	@Column(name = "accent_color", nullable = false)
	private String accentColor = "";

	@Column(name = "background_color", nullable = false)
	private String backgroundColor = "";

	@Column(name = "default_currency", nullable = false, length = 3)
	private String defaultCurrency = "";

	@Column(name = "default_locale", nullable = false)
	private String defaultLocale = "";

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(name = "locales", nullable = false)
	private String[] locales = new String[0];

	@Column(name = "time_zone", nullable = false)
	private String timeZone = "UTC";

	/**
	 * When the time zone last changed: report summaries older than this are set aside.
	 */
	@Column(name = "time_zone_changed_at", nullable = false)
	private OffsetDateTime timeZoneChangedAt = OffsetDateTime.parse("1970-01-01T00:00:00Z");

	@Column(name = "updated_at", nullable = false)
	private OffsetDateTime updatedAt = OffsetDateTime.now();

	@Version
	private long version;

	protected BrandSettings() {
	}

	void apply(BrandChanges changes) {
		if (changes.displayName() != null) {
			this.displayName = changes.displayName().strip();
		}
		if (changes.logoUrl() != null) {
			this.logoUrl = changes.logoUrl();
		}
		if (changes.primaryColor() != null) {
			this.primaryColor = changes.primaryColor().toUpperCase(Locale.ROOT);
		}
		if (changes.accentColor() != null) {
			this.accentColor = changes.accentColor().toUpperCase(Locale.ROOT);
		}
		if (changes.backgroundColor() != null) {
			this.backgroundColor = changes.backgroundColor().toUpperCase(Locale.ROOT);
		}
		if (changes.timeZone() != null && !changes.timeZone().equals(this.timeZone)) {
			this.timeZone = changes.timeZone();
			this.timeZoneChangedAt = OffsetDateTime.now();
		}
		this.updatedAt = OffsetDateTime.now();
	}

	public String timeZone() {
		return this.timeZone;
	}

	public String displayName() {
		return this.displayName;
	}

	public @Nullable String logoUrl() {
		return this.logoUrl;
	}

	public String primaryColor() {
		return this.primaryColor;
	}

	public String accentColor() {
		return this.accentColor;
	}

	public String backgroundColor() {
		return this.backgroundColor;
	}

	public String defaultCurrency() {
		return this.defaultCurrency;
	}

	public String defaultLocale() {
		return this.defaultLocale;
	}

	public String[] locales() {
		return this.locales.clone();
	}

}

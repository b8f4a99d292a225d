package com.atelier.storefront.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.atelier.platform.catalog.CatalogProblems;
import com.atelier.platform.catalog.StorefrontCatalog;
import com.atelier.platform.pricing.Market;
import com.atelier.platform.tenancy.SqlStatements;
import com.atelier.platform.problem.Problems;

/**
 * The catalog for shoppers: {@code /storefront/api/v1/products},
 * {@code /products/{handle}}, {@code /collections}, {@code /collections/{handle}},
 * {@code /markets}. The market is {@code ?market=} or the {@code X-Atelier-Market} header
 * (else the brand's default); the language follows {@code Accept-Language} among the
 * brand's locales. Responses carry an ETag; a matching {@code If-None-Match} gets 304.
 */
@RestController
class CatalogController {

	static final String MARKET_HEADER = "X-Atelier-Market";

	private final StorefrontCatalog catalog;

	private final StorefrontCache cache;

	private final boolean statementsHeader;

	CatalogController(StorefrontCatalog catalog, StorefrontCache cache,
			@Value("${atelier.storefront.sql-statements-header:false}") boolean statementsHeader) {
		this.catalog = catalog;
		this.cache = cache;
		this.statementsHeader = statementsHeader;
	}

	@GetMapping("/storefront/api/v1/ping")
	ResponseEntity<byte[]> ping() {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(PING);
	}

	private static final byte[] PING = "{\"ok\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

	@GetMapping("/storefront/api/v1/products")
	ResponseEntity<byte[]> products(@RequestParam(required = false) @Nullable String market,
			@RequestHeader(name = MARKET_HEADER, required = false) @Nullable String marketHeader,
			@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) @Nullable String acceptLanguage,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch,
			@RequestParam(required = false) @Nullable String collection,
			@RequestParam(name = "option", required = false) @Nullable List<String> options,
			@RequestParam(required = false) @Nullable String minPrice,
			@RequestParam(required = false) @Nullable String maxPrice,
			@RequestParam(defaultValue = "false") boolean available, @RequestParam(defaultValue = "newest") String sort,
			@RequestParam(required = false) @Nullable String after, @RequestParam(defaultValue = "20") int first) {
		long generation = this.cache.generation();
		Market chosen = this.catalog.market((market != null) ? market : marketHeader);
		String locale = this.catalog.locale(acceptLanguage);
		// Count what the page costs; reference data (markets, locales) has its own cache.
		SqlStatements.reset();
		Map<String, String> optionFilter = options(options);
		StorefrontCatalog.Sort order = sort(sort);
		// Options match whatever their case, so the key ignores it: "Colour:Noir" and
		// "COLOUR:noir" are one entry.
		String optionKey = StorefrontCache.key(new TreeMap<>(optionFilter).entrySet()
			.stream()
			.flatMap((e) -> java.util.stream.Stream.of(e.getKey().toLowerCase(Locale.ROOT),
					e.getValue().toLowerCase(Locale.ROOT)))
			.toArray());
		java.util.function.Function<String, String> keyAfter = (cursor) -> StorefrontCache.key("products",
				chosen.handle(), locale, collection, optionKey, minPrice, maxPrice, available, order, cursor, first);
		String key = keyAfter.apply(after);
		// Only answers for known values are kept (ADR 15): a collection of the brand's, a
		// cursor this node handed out, options that matched something.
		boolean known = (collection == null || this.catalog.isCollection(collection))
				&& (after == null || this.cache.issued(generation, key));
		StorefrontCache.Entry entry = this.cache.getIfKnown(generation, key, () -> {
			StorefrontCatalog.Listing listing = this.catalog.products(new StorefrontCatalog.Query(chosen, locale,
					collection, optionFilter, minPrice, maxPrice, available, order, after, first));
			boolean keep = known && (optionFilter.isEmpty() || !listing.items().isEmpty());
			if (keep && listing.next() != null) {
				this.cache.issue(generation, keyAfter.apply(listing.next()));
			}
			return new StorefrontCache.Loaded(StorefrontJson.ListingJson.of(listing), keep);
		});
		return respond(entry, ifNoneMatch, locale);
	}

	@GetMapping("/storefront/api/v1/products/{handle}")
	ResponseEntity<byte[]> product(@PathVariable String handle, @RequestParam(required = false) @Nullable String market,
			@RequestHeader(name = MARKET_HEADER, required = false) @Nullable String marketHeader,
			@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) @Nullable String acceptLanguage,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch) {
		long generation = this.cache.generation();
		Market chosen = this.catalog.market((market != null) ? market : marketHeader);
		String locale = this.catalog.locale(acceptLanguage);
		SqlStatements.reset();
		// Misses are not cached: random handles must not crowd out real entries.
		StorefrontCache.Entry entry = this.cache.get(generation,
				StorefrontCache.key("product", chosen.handle(), locale, handle),
				() -> this.catalog.product(handle, chosen, locale)
					.map((p) -> StorefrontJson.ProductJson.of(p, chosen, locale))
					.orElseThrow(() -> new CatalogProblems.NotFound(
							"product " + Problems.quote(handle) + " on sale in this market")));
		return respond(entry, ifNoneMatch, locale);
	}

	@GetMapping("/storefront/api/v1/collections")
	ResponseEntity<byte[]> collections(
			@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) @Nullable String acceptLanguage,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch) {
		long generation = this.cache.generation();
		String locale = this.catalog.locale(acceptLanguage);
		SqlStatements.reset();
		StorefrontCache.Entry entry = this.cache.get(generation, StorefrontCache.key("collections", locale),
				() -> new StorefrontJson.CollectionsJson(this.catalog.collections(locale), locale));
		return respond(entry, ifNoneMatch, locale);
	}

	@GetMapping("/storefront/api/v1/collections/{handle}")
	ResponseEntity<byte[]> collection(@PathVariable String handle,
			@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) @Nullable String acceptLanguage,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch) {
		long generation = this.cache.generation();
		String locale = this.catalog.locale(acceptLanguage);
		SqlStatements.reset();
		StorefrontCache.Entry entry = this.cache.get(generation, StorefrontCache.key("collection", locale, handle),
				() -> this.catalog.collection(handle, locale)
					.orElseThrow(() -> new CatalogProblems.NotFound("collection " + Problems.quote(handle))));
		return respond(entry, ifNoneMatch, locale);
	}

	@GetMapping("/storefront/api/v1/markets")
	ResponseEntity<byte[]> markets(
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch) {
		long generation = this.cache.generation();
		SqlStatements.reset();
		StorefrontCache.Entry entry = this.cache.get(generation, StorefrontCache.key("markets"),
				() -> new StorefrontJson.MarketsJson(
						this.catalog.markets().stream().map(StorefrontJson.MarketJson::of).toList()));
		return respond(entry, ifNoneMatch, null);
	}

	private ResponseEntity<byte[]> respond(StorefrontCache.Entry entry, @Nullable String ifNoneMatch,
			@Nullable String locale) {
		HttpHeaders headers = new HttpHeaders();
		headers.setETag(entry.etag());
		headers.setVary(List.of(HttpHeaders.ACCEPT_LANGUAGE, MARKET_HEADER));
		headers.setCacheControl("public, max-age=0, must-revalidate");
		if (locale != null) {
			headers.set(HttpHeaders.CONTENT_LANGUAGE, locale);
		}
		if (this.statementsHeader) {
			headers.set("X-Sql-Statements", String.valueOf(SqlStatements.count()));
		}
		if (ifNoneMatch != null && matches(ifNoneMatch, entry.etag())) {
			return new ResponseEntity<>(headers, HttpStatus.NOT_MODIFIED);
		}
		headers.setContentType(MediaType.APPLICATION_JSON);
		return new ResponseEntity<>(entry.body(), headers, HttpStatus.OK);
	}

	private static boolean matches(String ifNoneMatch, String etag) {
		String bare = etag.startsWith("W/") ? etag.substring(2) : etag;
		for (String candidate : ifNoneMatch.split(",")) {
			String value = candidate.strip();
			if (value.equals("*") || value.equals(etag) || value.equals(bare)
					|| (value.startsWith("W/") && value.substring(2).equals(bare))) {
				return true;
			}
		}
		return false;
	}

	private static Map<String, String> options(@Nullable List<String> options) {
		Map<String, String> filter = new LinkedHashMap<>();
		if (options != null) {
			for (String option : options) {
				int colon = option.indexOf(':');
				if (colon <= 0 || colon == option.length() - 1) {
					throw CatalogProblems.Invalid.of("option", "must be NAME:VALUE, e.g. Color:Black");
				}
				filter.put(option.substring(0, colon).strip(), option.substring(colon + 1).strip());
			}
		}
		return filter;
	}

	private static StorefrontCatalog.Sort sort(String sort) {
		return switch (sort.strip().toLowerCase(Locale.ROOT)) {
			case "newest" -> StorefrontCatalog.Sort.NEWEST;
			case "price", "price-asc" -> StorefrontCatalog.Sort.PRICE_ASC;
			case "-price", "price-desc" -> StorefrontCatalog.Sort.PRICE_DESC;
			case "collection" -> StorefrontCatalog.Sort.COLLECTION;
			default -> throw CatalogProblems.Invalid.of("sort", "must be newest, price, -price or collection");
		};
	}

}

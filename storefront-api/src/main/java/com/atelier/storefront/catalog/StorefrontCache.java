package com.atelier.storefront.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import com.atelier.platform.catalog.CatalogCache;
import com.atelier.platform.catalog.StorefrontCatalog;
import com.atelier.platform.cluster.ClusterSignals;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantId;

/**
 * Storefront responses, serialized once and kept with their ETag. The tenant is in every
 * key with the tenant's generation: a catalog, price or stock change of one tenant
 * (signal {@value CatalogCache#CHANNEL}, from any node, after commit) moves that tenant
 * to a new generation, so its entries are never read again while every other tenant's
 * stay. A node whose listener reconnects drops everything; a TTL bounds staleness if a
 * signal is lost.
 * <p>
 * The cache is bounded by weight (the bytes of its keys and bodies,
 * {@code atelier.storefront.cache.maximum-weight}, 64 MiB by default), and keeps answers
 * only for requests made of known values (ADR 15): a loader says whether its answer may
 * be kept ({@link Loaded}), and a list page after a cursor is kept only when this node
 * issued that cursor as the {@code next} of a page it kept ({@link #issue}).
 */
@Component
public class StorefrontCache {

	private final Cache<Key, Entry> entries;

	/** Cursors this node issued, per tenant generation and list request. */
	private final Cache<Key, Boolean> issued;

	private final Map<TenantId, AtomicLong> generations = new ConcurrentHashMap<>();

	private final JsonMapper json;

	private final boolean enabled;

	StorefrontCache(ClusterSignals signals, StorefrontCatalog catalog, JsonMapper json,
			@Value("${atelier.storefront.cache.enabled:true}") boolean enabled,
			@Value("${atelier.storefront.cache.ttl:60s}") Duration ttl,
			@Value("${atelier.storefront.cache.maximum-weight:64MB}") DataSize maximumWeight) {
		this.json = json;
		this.enabled = enabled;
		this.entries = Caffeine.newBuilder()
			.maximumWeight(maximumWeight.toBytes())
			.weigher((Key key, Entry entry) -> weight(key) + entry.body().length + entry.etag().length())
			.expireAfterWrite(ttl)
			.build();
		this.issued = Caffeine.newBuilder()
			.maximumWeight(Math.max(1, maximumWeight.toBytes() / 16))
			.weigher((Key key, Boolean value) -> weight(key))
			.expireAfterWrite(ttl)
			.build();
		signals.subscribe(CatalogCache.CHANNEL, new ClusterSignals.Subscriber() {

			// Reference data first, then the generation: a request that read the new
			// generation cannot have resolved its market or locale from the old data.
			@Override
			public void onMessage(String payload) {
				TenantId tenant;
				try {
					tenant = new TenantId(UUID.fromString(payload));
				}
				catch (IllegalArgumentException ex) {
					onReconnect();
					return;
				}
				catalog.forgetReferenceData(tenant);
				evict(tenant);
			}

			@Override
			public void onReconnect() {
				catalog.forgetReferenceData(null);
				clear();
			}

		});
	}

	/**
	 * The current tenant's generation. Read it before anything the response depends on
	 * (reference data included), and pass it to {@link #get}: a change signalled after
	 * this point makes the entry unreachable instead of stale.
	 * @return the generation
	 */
	public long generation() {
		return generation(TenantContext.require().id()).get();
	}

	/**
	 * The cached response for this request of the current tenant, computed on a miss. A
	 * loader that throws caches nothing.
	 * @param generation from {@link #generation()}, read when the request began
	 * @param request everything the response depends on besides the tenant, from
	 * {@link #key}
	 * @param loader computes the response
	 * @return the serialized response and its ETag
	 */
	public Entry get(long generation, String request, Supplier<Object> loader) {
		return getIfKnown(generation, request, () -> new Loaded(loader.get(), true));
	}

	/**
	 * As {@link #get}, for answers that may depend on values the request made up: the
	 * answer is kept only when the loader says so (concurrent requests for the same key
	 * still share one computation).
	 * @param generation from {@link #generation()}
	 * @param request the request key
	 * @param loader computes the response and says whether it may be kept
	 * @return the serialized response and its ETag
	 */
	public Entry getIfKnown(long generation, String request, Supplier<Loaded> loader) {
		if (!this.enabled) {
			return entry(loader.get().value());
		}
		Key key = new Key(TenantContext.require().id(), generation, request);
		Entry[] notKept = new Entry[1];
		Entry kept = this.entries.get(key, (k) -> {
			Loaded loaded = loader.get();
			Entry entry = entry(loaded.value());
			if (loaded.keep()) {
				return entry;
			}
			notKept[0] = entry;
			return null;
		});
		return (kept != null) ? kept : notKept[0];
	}

	/**
	 * Records that this node handed out a cursor: the page it leads to may be kept.
	 * @param generation the generation the page was computed under
	 * @param request the key of the page the cursor leads to
	 */
	public void issue(long generation, String request) {
		if (this.enabled) {
			this.issued.put(new Key(TenantContext.require().id(), generation, request), Boolean.TRUE);
		}
	}

	/**
	 * @param generation the request's generation
	 * @param request the key of a page after a cursor
	 * @return whether this node issued the cursor (under this generation)
	 */
	public boolean issued(long generation, String request) {
		return this.issued.getIfPresent(new Key(TenantContext.require().id(), generation, request)) != null;
	}

	/** Entries kept (tests, metrics). */
	public long size() {
		this.entries.cleanUp();
		return this.entries.estimatedSize();
	}

	/** Entries kept for one tenant (tests; walks the whole cache). */
	public long size(TenantId tenant) {
		return this.entries.asMap().keySet().stream().filter((k) -> k.tenant().equals(tenant)).count();
	}

	/** Bytes kept, as weighed (tests, metrics). */
	public long weight() {
		this.entries.cleanUp();
		return this.entries.policy().eviction().map((e) -> e.weightedSize().orElse(0)).orElse(0L);
	}

	private static int weight(Key key) {
		// Characters (two bytes each) and the objects around them.
		return 2 * key.request().length() + 100;
	}

	/**
	 * @param value the response to serialize
	 * @param keep whether it may be kept: the request named only known values
	 */
	public record Loaded(Object value, boolean keep) {
	}

	/**
	 * An unambiguous cache key from request parts: each part is escaped, so no value can
	 * imitate another combination of values.
	 * @param parts the parts (null allowed)
	 * @return the key
	 */
	public static String key(@Nullable Object... parts) {
		StringBuilder key = new StringBuilder();
		for (Object part : parts) {
			if (part == null) {
				key.append('~');
			}
			else {
				key.append('\'');
				String text = part.toString();
				for (int i = 0; i < text.length(); i++) {
					char c = text.charAt(i);
					if (c == '\'' || c == '\\') {
						key.append('\\');
					}
					key.append(c);
				}
				key.append('\'');
			}
			key.append('|');
		}
		return key.toString();
	}

	/** Drops one tenant's entries (on this node). */
	public void evict(TenantId tenant) {
		generation(tenant).incrementAndGet();
	}

	/** Drops every entry (on this node). */
	public void clear() {
		this.generations.values().forEach(AtomicLong::incrementAndGet);
		this.entries.invalidateAll();
		this.issued.invalidateAll();
	}

	/** Whether an entry for this request of the current tenant is cached (tests). */
	public boolean contains(String request) {
		return this.entries.getIfPresent(new Key(TenantContext.require().id(), generation(), request)) != null;
	}

	private AtomicLong generation(TenantId tenant) {
		return this.generations.computeIfAbsent(tenant, (t) -> new AtomicLong());
	}

	private Entry entry(Object value) {
		byte[] body = this.json.writeValueAsBytes(value);
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
			return new Entry(body, "W/\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Key(TenantId tenant, long generation, String request) {
	}

	/**
	 * @param body the JSON
	 * @param etag a weak ETag of the body
	 */
	public record Entry(byte[] body, String etag) {

		public String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

}

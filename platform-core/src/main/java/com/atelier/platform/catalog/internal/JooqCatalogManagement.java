package com.atelier.platform.catalog.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.atelier.platform.catalog.CatalogCache;
import com.atelier.platform.catalog.CatalogManagement;
import com.atelier.platform.catalog.CatalogProblems;
import com.atelier.platform.catalog.Collection;
import com.atelier.platform.catalog.Cursors;
import com.atelier.platform.catalog.Page;
import com.atelier.platform.catalog.Product;
import com.atelier.platform.catalog.ProductInput;
import com.atelier.platform.catalog.ProductStatus;
import com.atelier.platform.catalog.VariantInput;
import com.atelier.platform.cluster.ClusterSignals;
import com.atelier.platform.identity.Actor;
import com.atelier.platform.identity.AuditLog;
import com.atelier.platform.problem.FieldProblem;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantDsl;
import com.atelier.platform.problem.Problems;

import static com.atelier.platform.jooq.tenant_template.Tables.COLLECTIONS;
import static com.atelier.platform.jooq.tenant_template.Tables.COLLECTION_PRODUCTS;
import static com.atelier.platform.jooq.tenant_template.Tables.COLLECTION_TRANSLATIONS;
import static com.atelier.platform.jooq.tenant_template.Tables.PRODUCTS;
import static com.atelier.platform.jooq.tenant_template.Tables.PRODUCT_MEDIA;
import static com.atelier.platform.jooq.tenant_template.Tables.PRODUCT_OPTIONS;
import static com.atelier.platform.jooq.tenant_template.Tables.PRODUCT_TRANSLATIONS;
import static com.atelier.platform.jooq.tenant_template.Tables.VARIANTS;
import static org.jooq.impl.DSL.row;

/**
 * Products and collections in the tenant's schema, with jOOQ. Each change is audited and,
 * after commit, drops the tenant's storefront caches on every node.
 */
@Service
@Transactional
class JooqCatalogManagement implements CatalogManagement {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final TenantDsl db;

	private final AuditLog audit;

	private final ClusterSignals signals;

	JooqCatalogManagement(TenantDsl db, AuditLog audit, ClusterSignals signals) {
		this.db = db;
		this.audit = audit;
		this.signals = signals;
	}

	@Override
	public Product createProduct(ProductInput input, Actor actor) {
		List<FieldProblem> problems = new ArrayList<>();
		CatalogValidation.handle("handle", input.handle(), problems);
		CatalogValidation.text("title", input.title(), true, 300, problems);
		checkProductFields(input, problems);
		CatalogValidation.optionsAndVariants(input.options(), input.variants(), problems);
		if (!problems.isEmpty()) {
			throw new CatalogProblems.Invalid(problems);
		}
		DSLContext dsl = this.db.dsl();
		if (dsl.fetchExists(PRODUCTS, PRODUCTS.HANDLE.eq(input.handle()))) {
			throw new CatalogProblems.HandleTaken(input.handle());
		}
		for (VariantInput variant : input.variants()) {
			if (dsl.fetchExists(VARIANTS, VARIANTS.SKU.eq(variant.sku()))) {
				throw new CatalogProblems.SkuTaken(variant.sku());
			}
		}
		UUID id = UUID.randomUUID();
		OffsetDateTime now = OffsetDateTime.now();
		try {
			dsl.insertInto(PRODUCTS)
				.set(PRODUCTS.ID, id)
				.set(PRODUCTS.HANDLE, input.handle())
				.set(PRODUCTS.STATUS, ((input.status() != null) ? input.status() : ProductStatus.DRAFT).name())
				.set(PRODUCTS.TITLE, input.title().strip())
				.set(PRODUCTS.DESCRIPTION, input.description())
				.set(PRODUCTS.VENDOR, input.vendor())
				.set(PRODUCTS.ATTRIBUTES, jsonb((input.attributes() != null) ? input.attributes() : Map.of()))
				.set(PRODUCTS.SEO_TITLE, input.seoTitle())
				.set(PRODUCTS.SEO_DESCRIPTION, input.seoDescription())
				.set(PRODUCTS.CREATED_AT, now)
				.set(PRODUCTS.UPDATED_AT, now)
				.execute();
			List<ProductInput.Option> options = (input.options() != null) ? input.options() : List.of();
			for (int i = 0; i < options.size(); i++) {
				dsl.insertInto(PRODUCT_OPTIONS)
					.set(PRODUCT_OPTIONS.PRODUCT_ID, id)
					.set(PRODUCT_OPTIONS.POSITION, i)
					.set(PRODUCT_OPTIONS.NAME, options.get(i).name().strip())
					.set(PRODUCT_OPTIONS.OPTION_VALUES, options.get(i).values().toArray(String[]::new))
					.execute();
			}
			List<VariantInput> variants = input.variants();
			for (int i = 0; i < variants.size(); i++) {
				insertVariant(dsl, id, variants.get(i), i, input.title());
			}
			replaceMedia(dsl, id, input.media());
			replaceTranslations(dsl, id, input.translations());
		}
		catch (DuplicateKeyException raced) {
			throw new CatalogProblems.HandleTaken(input.handle());
		}
		Product product = product(id);
		this.audit.record(actor, "product.created", "product", id.toString(), null, product);
		changed();
		return product;
	}

	@Override
	public Product updateProduct(UUID id, ProductInput changes, Actor actor) {
		Product before = product(id);
		List<FieldProblem> problems = new ArrayList<>();
		if (changes.handle() != null) {
			CatalogValidation.handle("handle", changes.handle(), problems);
		}
		if (changes.title() != null) {
			CatalogValidation.text("title", changes.title(), true, 300, problems);
		}
		checkProductFields(changes, problems);
		if (changes.options() != null || changes.variants() != null) {
			problems.add(new FieldProblem("options", "options and variants change through the variant endpoints"));
		}
		if (!problems.isEmpty()) {
			throw new CatalogProblems.Invalid(problems);
		}
		DSLContext dsl = this.db.dsl();
		if (changes.handle() != null && !changes.handle().equals(before.handle())
				&& dsl.fetchExists(PRODUCTS, PRODUCTS.HANDLE.eq(changes.handle()))) {
			throw new CatalogProblems.HandleTaken(changes.handle());
		}
		var update = dsl.update(PRODUCTS)
			.set(PRODUCTS.UPDATED_AT, OffsetDateTime.now())
			.set(PRODUCTS.VERSION, PRODUCTS.VERSION.plus(1));
		if (changes.handle() != null) {
			update = update.set(PRODUCTS.HANDLE, changes.handle());
		}
		if (changes.title() != null) {
			update = update.set(PRODUCTS.TITLE, changes.title().strip());
		}
		if (changes.description() != null) {
			update = update.set(PRODUCTS.DESCRIPTION, changes.description());
		}
		if (changes.status() != null) {
			update = update.set(PRODUCTS.STATUS, changes.status().name());
		}
		if (changes.vendor() != null) {
			update = update.set(PRODUCTS.VENDOR, changes.vendor());
		}
		if (changes.attributes() != null) {
			update = update.set(PRODUCTS.ATTRIBUTES, jsonb(changes.attributes()));
		}
		if (changes.seoTitle() != null) {
			update = update.set(PRODUCTS.SEO_TITLE, changes.seoTitle());
		}
		if (changes.seoDescription() != null) {
			update = update.set(PRODUCTS.SEO_DESCRIPTION, changes.seoDescription());
		}
		update.where(PRODUCTS.ID.eq(id)).execute();
		if (changes.media() != null) {
			replaceMedia(dsl, id, changes.media());
		}
		if (changes.translations() != null) {
			replaceTranslations(dsl, id, changes.translations());
		}
		Product after = product(id);
		this.audit.record(actor, "product.updated", "product", id.toString(), before, after);
		changed();
		return after;
	}

	@Override
	@Transactional(readOnly = true)
	public Product product(UUID id) {
		DSLContext dsl = this.db.dsl();
		Record row = dsl.selectFrom(PRODUCTS)
			.where(PRODUCTS.ID.eq(id))
			.fetchOptional()
			.orElseThrow(() -> new CatalogProblems.NotFound("product " + id));
		return assemble(dsl, List.of(row)).get(0);
	}

	@Override
	@Transactional(readOnly = true)
	public Page<Product> products(@Nullable ProductStatus status, @Nullable String query, @Nullable String after,
			int limit) {
		checkLimit(limit, 100);
		Condition condition = DSL.noCondition();
		if (status != null) {
			condition = condition.and(PRODUCTS.STATUS.eq(status.name()));
		}
		if (query != null && !query.isBlank()) {
			String like = "%" + query.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
			condition = condition.and(PRODUCTS.TITLE.likeIgnoreCase(like).or(PRODUCTS.HANDLE.likeIgnoreCase(like)));
		}
		if (after != null) {
			List<String> cursor = Cursors.decode(after, 2);
			try {
				condition = condition.and(row(PRODUCTS.CREATED_AT, PRODUCTS.ID).lt(OffsetDateTime.parse(cursor.get(0)),
						UUID.fromString(cursor.get(1))));
			}
			catch (RuntimeException ex) {
				throw Cursors.invalid();
			}
		}
		DSLContext dsl = this.db.dsl();
		List<Record> rows = new ArrayList<>(dsl.selectFrom(PRODUCTS)
			.where(condition)
			.orderBy(PRODUCTS.CREATED_AT.desc(), PRODUCTS.ID.desc())
			.limit(limit + 1)
			.fetch());
		String next = null;
		if (rows.size() > limit) {
			rows = rows.subList(0, limit);
			Record last = rows.get(limit - 1);
			next = Cursors.encode(last.get(PRODUCTS.CREATED_AT).toString(), last.get(PRODUCTS.ID).toString());
		}
		return new Page<>(assemble(dsl, rows), next);
	}

	@Override
	public Product.Variant addVariant(UUID productId, VariantInput input, Actor actor) {
		// Locked, so that two variants added at once cannot both pass the count.
		this.db.dsl().select(PRODUCTS.ID).from(PRODUCTS).where(PRODUCTS.ID.eq(productId)).forUpdate().fetch();
		Product product = product(productId);
		List<FieldProblem> problems = new ArrayList<>();
		CatalogValidation.sku("sku", input.sku(), problems);
		CatalogValidation.text("title", input.title(), false, 300, problems);
		CatalogValidation.weight("weightGrams", input.weightGrams(), problems);
		List<String> values = (input.optionValues() != null) ? input.optionValues() : List.of();
		if (product.options().isEmpty()) {
			problems.add(new FieldProblem("optionValues", "a product without options has exactly one variant"));
		}
		else if (product.variants().size() >= CatalogValidation.MAX_VARIANTS) {
			problems.add(new FieldProblem("variants",
					"a product has at most " + CatalogValidation.MAX_VARIANTS + " variants"));
		}
		else if (values.size() != product.options().size()) {
			problems.add(new FieldProblem("optionValues",
					"must give one value per option (" + product.options().size() + ")"));
		}
		else {
			for (int i = 0; i < values.size(); i++) {
				if (!product.options().get(i).values().contains(values.get(i))) {
					problems.add(new FieldProblem("optionValues[" + i + "]", Problems.quote(values.get(i))
							+ " is not a value of " + Problems.quote(product.options().get(i).name())));
				}
			}
			if (product.variants().stream().anyMatch((v) -> v.optionValues().equals(values))) {
				problems.add(new FieldProblem("optionValues", "another variant has the same values"));
			}
		}
		if (!problems.isEmpty()) {
			throw new CatalogProblems.Invalid(problems);
		}
		if (this.db.dsl().fetchExists(VARIANTS, VARIANTS.SKU.eq(input.sku()))) {
			throw new CatalogProblems.SkuTaken(input.sku());
		}
		UUID id = insertVariant(this.db.dsl(), productId, input, product.variants().size(), product.title());
		Product.Variant variant = product(productId).variants()
			.stream()
			.filter((v) -> v.id().equals(id))
			.findFirst()
			.orElseThrow();
		this.audit.record(actor, "variant.created", "variant", id.toString(), null, variant);
		changed();
		return variant;
	}

	@Override
	public Product.Variant updateVariant(UUID variantId, VariantInput changes, Actor actor) {
		Record row = this.db.dsl()
			.selectFrom(VARIANTS)
			.where(VARIANTS.ID.eq(variantId))
			.fetchOptional()
			.orElseThrow(() -> new CatalogProblems.NotFound("variant " + variantId));
		Product.Variant before = toVariant(row);
		List<FieldProblem> problems = new ArrayList<>();
		if (changes.sku() != null || changes.optionValues() != null) {
			problems.add(new FieldProblem("sku", "the SKU and option values of a variant do not change"));
		}
		CatalogValidation.text("title", changes.title(), false, 300, problems);
		CatalogValidation.weight("weightGrams", changes.weightGrams(), problems);
		if (!problems.isEmpty()) {
			throw new CatalogProblems.Invalid(problems);
		}
		var update = this.db.dsl().update(VARIANTS).set(VARIANTS.ID, variantId);
		if (changes.title() != null && !changes.title().isBlank()) {
			update = update.set(VARIANTS.TITLE, changes.title().strip());
		}
		if (changes.weightGrams() != null) {
			update = update.set(VARIANTS.WEIGHT_GRAMS, changes.weightGrams());
		}
		update.where(VARIANTS.ID.eq(variantId)).execute();
		Product.Variant after = toVariant(
				this.db.dsl().selectFrom(VARIANTS).where(VARIANTS.ID.eq(variantId)).fetchSingle());
		this.audit.record(actor, "variant.updated", "variant", variantId.toString(), before, after);
		changed();
		return after;
	}

	@Override
	public Collection createCollection(String handle, String title, @Nullable String description,
			Map<String, ProductInput.Translation> translations, Actor actor) {
		List<FieldProblem> problems = new ArrayList<>();
		CatalogValidation.handle("handle", handle, problems);
		CatalogValidation.text("title", title, true, 300, problems);
		CatalogValidation.text("description", description, false, 20_000, problems);
		CatalogValidation.translations(translations, problems);
		if (!problems.isEmpty()) {
			throw new CatalogProblems.Invalid(problems);
		}
		DSLContext dsl = this.db.dsl();
		if (dsl.fetchExists(COLLECTIONS, COLLECTIONS.HANDLE.eq(handle))) {
			throw new CatalogProblems.HandleTaken(handle);
		}
		UUID id = UUID.randomUUID();
		dsl.insertInto(COLLECTIONS)
			.set(COLLECTIONS.ID, id)
			.set(COLLECTIONS.HANDLE, handle)
			.set(COLLECTIONS.TITLE, title.strip())
			.set(COLLECTIONS.DESCRIPTION, description)
			.execute();
		replaceCollectionTranslations(dsl, id, translations);
		Collection collection = collection(id);
		this.audit.record(actor, "collection.created", "collection", id.toString(), null, collection);
		changed();
		return collection;
	}

	@Override
	public Collection updateCollection(UUID id, @Nullable String title, @Nullable String description,
			@Nullable Map<String, ProductInput.Translation> translations, Actor actor) {
		Collection before = collection(id);
		List<FieldProblem> problems = new ArrayList<>();
		if (title != null) {
			CatalogValidation.text("title", title, true, 300, problems);
		}
		CatalogValidation.text("description", description, false, 20_000, problems);
		CatalogValidation.translations(translations, problems);
		if (!problems.isEmpty()) {
			throw new CatalogProblems.Invalid(problems);
		}
		DSLContext dsl = this.db.dsl();
		var update = dsl.update(COLLECTIONS).set(COLLECTIONS.UPDATED_AT, OffsetDateTime.now());
		if (title != null) {
			update = update.set(COLLECTIONS.TITLE, title.strip());
		}
		if (description != null) {
			update = update.set(COLLECTIONS.DESCRIPTION, description);
		}
		update.where(COLLECTIONS.ID.eq(id)).execute();
		if (translations != null) {
			replaceCollectionTranslations(dsl, id, translations);
		}
		Collection after = collection(id);
		this.audit.record(actor, "collection.updated", "collection", id.toString(), before, after);
		changed();
		return after;
	}

	@Override
	public Collection setCollectionProducts(UUID id, List<UUID> productIds, Actor actor) {
		Collection before = collection(id);
		if (productIds.size() > 10_000 || productIds.stream().distinct().count() != productIds.size()) {
			throw CatalogProblems.Invalid.of("productIds", "must be distinct, at most 10000");
		}
		DSLContext dsl = this.db.dsl();
		int known = dsl.fetchCount(PRODUCTS, PRODUCTS.ID.in(productIds));
		if (known != productIds.size()) {
			throw CatalogProblems.Invalid.of("productIds", "every id must be a product of this brand");
		}
		dsl.deleteFrom(COLLECTION_PRODUCTS).where(COLLECTION_PRODUCTS.COLLECTION_ID.eq(id)).execute();
		for (int i = 0; i < productIds.size(); i++) {
			dsl.insertInto(COLLECTION_PRODUCTS)
				.set(COLLECTION_PRODUCTS.COLLECTION_ID, id)
				.set(COLLECTION_PRODUCTS.PRODUCT_ID, productIds.get(i))
				.set(COLLECTION_PRODUCTS.POSITION, i)
				.execute();
		}
		Collection after = collection(id);
		this.audit.record(actor, "collection.products-set", "collection", id.toString(), before, after);
		changed();
		return after;
	}

	@Override
	@Transactional(readOnly = true)
	public Collection collection(UUID id) {
		DSLContext dsl = this.db.dsl();
		Record row = dsl.selectFrom(COLLECTIONS)
			.where(COLLECTIONS.ID.eq(id))
			.fetchOptional()
			.orElseThrow(() -> new CatalogProblems.NotFound("collection " + id));
		return toCollection(dsl, row);
	}

	@Override
	@Transactional(readOnly = true)
	public Page<Collection> collections(@Nullable String after, int limit) {
		checkLimit(limit, 100);
		Condition condition = DSL.noCondition();
		if (after != null) {
			condition = COLLECTIONS.HANDLE.gt(Cursors.decode(after, 1).get(0));
		}
		DSLContext dsl = this.db.dsl();
		List<Record> rows = new ArrayList<>(
				dsl.selectFrom(COLLECTIONS).where(condition).orderBy(COLLECTIONS.HANDLE).limit(limit + 1).fetch());
		String next = null;
		if (rows.size() > limit) {
			rows = rows.subList(0, limit);
			next = Cursors.encode(rows.get(limit - 1).get(COLLECTIONS.HANDLE));
		}
		return new Page<>(rows.stream().map((r) -> toCollection(dsl, r)).toList(), next);
	}

	private void checkProductFields(ProductInput input, List<FieldProblem> problems) {
		CatalogValidation.text("description", input.description(), false, 20_000, problems);
		CatalogValidation.text("vendor", input.vendor(), false, 200, problems);
		CatalogValidation.text("seoTitle", input.seoTitle(), false, 300, problems);
		CatalogValidation.text("seoDescription", input.seoDescription(), false, 1000, problems);
		CatalogValidation.attributes(input.attributes(), problems);
		CatalogValidation.media(input.media(), problems);
		CatalogValidation.translations(input.translations(), problems);
	}

	private static UUID insertVariant(DSLContext dsl, UUID productId, VariantInput variant, int position,
			String productTitle) {
		UUID id = UUID.randomUUID();
		List<String> values = (variant.optionValues() != null) ? variant.optionValues() : List.of();
		String title = (variant.title() != null && !variant.title().isBlank()) ? variant.title().strip()
				: values.isEmpty() ? productTitle.strip() : String.join(" / ", values);
		dsl.insertInto(VARIANTS)
			.set(VARIANTS.ID, id)
			.set(VARIANTS.PRODUCT_ID, productId)
			.set(VARIANTS.SKU, variant.sku())
			.set(VARIANTS.TITLE, title)
			.set(VARIANTS.OPTION_VALUES, values.toArray(String[]::new))
			.set(VARIANTS.WEIGHT_GRAMS, variant.weightGrams())
			.set(VARIANTS.POSITION, position)
			.execute();
		return id;
	}

	private static void replaceMedia(DSLContext dsl, UUID productId, @Nullable List<ProductInput.Media> media) {
		dsl.deleteFrom(PRODUCT_MEDIA).where(PRODUCT_MEDIA.PRODUCT_ID.eq(productId)).execute();
		if (media == null) {
			return;
		}
		for (int i = 0; i < media.size(); i++) {
			dsl.insertInto(PRODUCT_MEDIA)
				.set(PRODUCT_MEDIA.ID, UUID.randomUUID())
				.set(PRODUCT_MEDIA.PRODUCT_ID, productId)
				.set(PRODUCT_MEDIA.URL, media.get(i).url())
				.set(PRODUCT_MEDIA.ALT_TEXT, media.get(i).altText())
				.set(PRODUCT_MEDIA.POSITION, i)
				.execute();
		}
	}

	private static void replaceTranslations(DSLContext dsl, UUID productId,
			@Nullable Map<String, ProductInput.Translation> translations) {
		dsl.deleteFrom(PRODUCT_TRANSLATIONS).where(PRODUCT_TRANSLATIONS.PRODUCT_ID.eq(productId)).execute();
		if (translations == null) {
			return;
		}
		translations.forEach((locale, t) -> dsl.insertInto(PRODUCT_TRANSLATIONS)
			.set(PRODUCT_TRANSLATIONS.PRODUCT_ID, productId)
			.set(PRODUCT_TRANSLATIONS.LOCALE, java.util.Locale.forLanguageTag(locale).toLanguageTag())
			.set(PRODUCT_TRANSLATIONS.TITLE, t.title().strip())
			.set(PRODUCT_TRANSLATIONS.DESCRIPTION, t.description())
			.set(PRODUCT_TRANSLATIONS.SEO_TITLE, t.seoTitle())
			.set(PRODUCT_TRANSLATIONS.SEO_DESCRIPTION, t.seoDescription())
			.execute());
	}

	private static void replaceCollectionTranslations(DSLContext dsl, UUID collectionId,
			@Nullable Map<String, ProductInput.Translation> translations) {
		dsl.deleteFrom(COLLECTION_TRANSLATIONS).where(COLLECTION_TRANSLATIONS.COLLECTION_ID.eq(collectionId)).execute();
		if (translations == null) {
			return;
		}
		translations.forEach((locale, t) -> dsl.insertInto(COLLECTION_TRANSLATIONS)
			.set(COLLECTION_TRANSLATIONS.COLLECTION_ID, collectionId)
			.set(COLLECTION_TRANSLATIONS.LOCALE, java.util.Locale.forLanguageTag(locale).toLanguageTag())
			.set(COLLECTION_TRANSLATIONS.TITLE, t.title().strip())
			.set(COLLECTION_TRANSLATIONS.DESCRIPTION, t.description())
			.execute());
	}

	/**
	 * Products with their media, options, variants and translations: five queries in all.
	 */
	private static List<Product> assemble(DSLContext dsl, List<Record> rows) {
		List<UUID> ids = rows.stream().map((r) -> r.get(PRODUCTS.ID)).toList();
		Map<UUID, List<ProductInput.Media>> media = new LinkedHashMap<>();
		dsl.selectFrom(PRODUCT_MEDIA)
			.where(PRODUCT_MEDIA.PRODUCT_ID.in(ids))
			.orderBy(PRODUCT_MEDIA.POSITION)
			.forEach((m) -> media.computeIfAbsent(m.getProductId(), (k) -> new ArrayList<>())
				.add(new ProductInput.Media(m.getUrl(), m.getAltText())));
		Map<UUID, List<ProductInput.Option>> options = new LinkedHashMap<>();
		dsl.selectFrom(PRODUCT_OPTIONS)
			.where(PRODUCT_OPTIONS.PRODUCT_ID.in(ids))
			.orderBy(PRODUCT_OPTIONS.POSITION)
			.forEach((o) -> options.computeIfAbsent(o.getProductId(), (k) -> new ArrayList<>())
				.add(new ProductInput.Option(o.getName(), List.of(o.getOptionValues()))));
		Map<UUID, List<Product.Variant>> variants = new LinkedHashMap<>();
		dsl.selectFrom(VARIANTS)
			.where(VARIANTS.PRODUCT_ID.in(ids))
			.orderBy(VARIANTS.POSITION)
			.forEach((v) -> variants.computeIfAbsent(v.getProductId(), (k) -> new ArrayList<>()).add(toVariant(v)));
		Map<UUID, Map<String, ProductInput.Translation>> translations = new LinkedHashMap<>();
		dsl.selectFrom(PRODUCT_TRANSLATIONS)
			.where(PRODUCT_TRANSLATIONS.PRODUCT_ID.in(ids))
			.orderBy(PRODUCT_TRANSLATIONS.LOCALE)
			.forEach((t) -> translations.computeIfAbsent(t.getProductId(), (k) -> new LinkedHashMap<>())
				.put(t.getLocale(), new ProductInput.Translation(t.getTitle(), t.getDescription(), t.getSeoTitle(),
						t.getSeoDescription())));
		List<Product> products = new ArrayList<>();
		for (Record r : rows) {
			UUID id = r.get(PRODUCTS.ID);
			products.add(new Product(id, r.get(PRODUCTS.HANDLE), ProductStatus.valueOf(r.get(PRODUCTS.STATUS)),
					r.get(PRODUCTS.TITLE), r.get(PRODUCTS.DESCRIPTION), r.get(PRODUCTS.VENDOR),
					attributes(r.get(PRODUCTS.ATTRIBUTES)), r.get(PRODUCTS.SEO_TITLE), r.get(PRODUCTS.SEO_DESCRIPTION),
					media.getOrDefault(id, List.of()), options.getOrDefault(id, List.of()),
					variants.getOrDefault(id, List.of()), translations.getOrDefault(id, Map.of()),
					r.get(PRODUCTS.CREATED_AT).toInstant(), r.get(PRODUCTS.UPDATED_AT).toInstant(),
					r.get(PRODUCTS.VERSION)));
		}
		return products;
	}

	private static Collection toCollection(DSLContext dsl, Record row) {
		UUID id = row.get(COLLECTIONS.ID);
		Map<String, ProductInput.Translation> translations = new LinkedHashMap<>();
		dsl.selectFrom(COLLECTION_TRANSLATIONS)
			.where(COLLECTION_TRANSLATIONS.COLLECTION_ID.eq(id))
			.orderBy(COLLECTION_TRANSLATIONS.LOCALE)
			.forEach((t) -> translations.put(t.getLocale(),
					new ProductInput.Translation(t.getTitle(), t.getDescription(), null, null)));
		List<UUID> products = dsl.select(COLLECTION_PRODUCTS.PRODUCT_ID)
			.from(COLLECTION_PRODUCTS)
			.where(COLLECTION_PRODUCTS.COLLECTION_ID.eq(id))
			.orderBy(COLLECTION_PRODUCTS.POSITION)
			.fetch(COLLECTION_PRODUCTS.PRODUCT_ID);
		return new Collection(id, row.get(COLLECTIONS.HANDLE), row.get(COLLECTIONS.TITLE),
				row.get(COLLECTIONS.DESCRIPTION), translations, products, row.get(COLLECTIONS.CREATED_AT).toInstant());
	}

	private static Product.Variant toVariant(Record v) {
		return new Product.Variant(v.get(VARIANTS.ID), v.get(VARIANTS.SKU), v.get(VARIANTS.TITLE),
				List.of(v.get(VARIANTS.OPTION_VALUES)), v.get(VARIANTS.WEIGHT_GRAMS), v.get(VARIANTS.POSITION));
	}

	private static Map<String, String> attributes(@Nullable JSONB json) {
		if (json == null) {
			return Map.of();
		}
		return JSON.readValue(json.data(), new TypeReference<LinkedHashMap<String, String>>() {
		});
	}

	private static JSONB jsonb(Map<String, String> attributes) {
		return JSONB.valueOf(JSON.writeValueAsString(attributes));
	}

	static void checkLimit(int limit, int max) {
		if (limit < 1 || limit > max) {
			throw CatalogProblems.Invalid.of("limit", "must be between 1 and " + max);
		}
	}

	private void changed() {
		this.signals.publishAfterCommit(CatalogCache.CHANNEL, TenantContext.require().id().toString());
	}

}

package com.atelier.admin.catalog;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.atelier.platform.catalog.CatalogManagement;
import com.atelier.platform.catalog.CatalogProblems;
import com.atelier.platform.catalog.Collection;
import com.atelier.platform.catalog.Page;
import com.atelier.platform.catalog.Product;
import com.atelier.platform.catalog.ProductInput;
import com.atelier.platform.catalog.ProductStatus;
import com.atelier.platform.catalog.VariantInput;
import com.atelier.platform.identity.TenantTokens;

/**
 * Products, variants and collections: {@code /admin/api/v1/products}, {@code /variants},
 * {@code /collections}.
 */
@RestController
class ProductAdminController {

	private final CatalogManagement catalog;

	private final TenantTokens tokens;

	ProductAdminController(CatalogManagement catalog, TenantTokens tokens) {
		this.catalog = catalog;
		this.tokens = tokens;
	}

	@GetMapping("/admin/api/v1/products")
	Page<Product> products(@RequestParam(required = false) @Nullable ProductStatus status,
			@RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String after,
			@RequestParam(defaultValue = "50") int limit) {
		return this.catalog.products(status, q, after, limit);
	}

	@PostMapping("/admin/api/v1/products")
	ResponseEntity<Product> create(@RequestBody ProductInput body, Authentication authentication) {
		Product product = this.catalog.createProduct(body, this.tokens.actor(authentication));
		return ResponseEntity.created(URI.create("/admin/api/v1/products/" + product.id())).body(product);
	}

	@GetMapping("/admin/api/v1/products/{id}")
	Product product(@PathVariable UUID id) {
		return this.catalog.product(id);
	}

	@PatchMapping("/admin/api/v1/products/{id}")
	Product update(@PathVariable UUID id, @RequestBody ProductInput body, Authentication authentication) {
		return this.catalog.updateProduct(id, body, this.tokens.actor(authentication));
	}

	@PostMapping("/admin/api/v1/products/{id}/variants")
	ResponseEntity<Product.Variant> addVariant(@PathVariable UUID id, @RequestBody VariantInput body,
			Authentication authentication) {
		Product.Variant variant = this.catalog.addVariant(id, body, this.tokens.actor(authentication));
		return ResponseEntity.created(URI.create("/admin/api/v1/variants/" + variant.id())).body(variant);
	}

	@PatchMapping("/admin/api/v1/variants/{id}")
	Product.Variant updateVariant(@PathVariable UUID id, @RequestBody VariantInput body,
			Authentication authentication) {
		return this.catalog.updateVariant(id, body, this.tokens.actor(authentication));
	}

	@GetMapping("/admin/api/v1/collections")
	Page<Collection> collections(@RequestParam(required = false) @Nullable String after,
			@RequestParam(defaultValue = "50") int limit) {
		return this.catalog.collections(after, limit);
	}

	@PostMapping("/admin/api/v1/collections")
	ResponseEntity<Collection> createCollection(@RequestBody CollectionInput body, Authentication authentication) {
		if (body.handle() == null || body.title() == null) {
			throw CatalogProblems.Invalid.of((body.handle() == null) ? "handle" : "title", "is required");
		}
		Collection collection = this.catalog.createCollection(body.handle(), body.title(), body.description(),
				(body.translations() != null) ? body.translations() : Map.of(), this.tokens.actor(authentication));
		return ResponseEntity.created(URI.create("/admin/api/v1/collections/" + collection.id())).body(collection);
	}

	@GetMapping("/admin/api/v1/collections/{id}")
	Collection collection(@PathVariable UUID id) {
		return this.catalog.collection(id);
	}

	@PatchMapping("/admin/api/v1/collections/{id}")
	Collection updateCollection(@PathVariable UUID id, @RequestBody CollectionInput body,
			Authentication authentication) {
		return this.catalog.updateCollection(id, body.title(), body.description(), body.translations(),
				this.tokens.actor(authentication));
	}

	@PutMapping("/admin/api/v1/collections/{id}/products")
	Collection setProducts(@PathVariable UUID id, @RequestBody CollectionProducts body, Authentication authentication) {
		if (body.productIds() == null) {
			throw CatalogProblems.Invalid.of("productIds", "is required");
		}
		return this.catalog.setCollectionProducts(id, body.productIds(), this.tokens.actor(authentication));
	}

	/**
	 * @param handle unique handle (creation)
	 * @param title title
	 * @param description description
	 * @param translations per locale
	 */
	record CollectionInput(@Nullable String handle, @Nullable String title, @Nullable String description,
			@Nullable Map<String, ProductInput.Translation> translations) {
	}

	/**
	 * @param productIds products in order
	 */
	record CollectionProducts(@Nullable List<UUID> productIds) {
	}

}

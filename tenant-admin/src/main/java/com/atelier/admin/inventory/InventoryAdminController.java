package com.atelier.admin.inventory;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.atelier.platform.catalog.CatalogProblems;
import com.atelier.platform.catalog.Page;
import com.atelier.platform.identity.TenantTokens;
import com.atelier.platform.inventory.Inventory;
import com.atelier.platform.inventory.StockLevel;
import com.atelier.platform.inventory.StockLocation;

/**
 * Stock: {@code /admin/api/v1/stock-locations}, {@code /admin/api/v1/inventory},
 * {@code /admin/api/v1/inventory/adjustments}.
 */
@RestController
class InventoryAdminController {

	private final Inventory inventory;

	private final TenantTokens tokens;

	InventoryAdminController(Inventory inventory, TenantTokens tokens) {
		this.inventory = inventory;
		this.tokens = tokens;
	}

	@GetMapping("/admin/api/v1/stock-locations")
	LocationList locations() {
		return new LocationList(this.inventory.locations());
	}

	@PostMapping("/admin/api/v1/stock-locations")
	ResponseEntity<StockLocation> createLocation(@RequestBody LocationInput body, Authentication authentication) {
		StockLocation location = this.inventory.createLocation(body.handle(), body.name(),
				this.tokens.actor(authentication));
		return ResponseEntity.created(URI.create("/admin/api/v1/stock-locations/" + location.id())).body(location);
	}

	@GetMapping("/admin/api/v1/inventory")
	Page<StockLevel> levels(@RequestParam(required = false) @Nullable UUID variantId,
			@RequestParam(required = false) @Nullable UUID locationId,
			@RequestParam(required = false) @Nullable String after, @RequestParam(defaultValue = "100") int limit) {
		return this.inventory.levels(variantId, locationId, after, limit);
	}

	@PostMapping("/admin/api/v1/inventory/adjustments")
	ResponseEntity<StockLevel> adjust(@RequestBody AdjustmentInput body, Authentication authentication) {
		if (body.variantId() == null || body.locationId() == null || body.delta() == null) {
			throw CatalogProblems.Invalid.of(
					(body.variantId() == null) ? "variantId" : (body.locationId() == null) ? "locationId" : "delta",
					"is required");
		}
		StockLevel level = this.inventory.adjust(body.variantId(), body.locationId(), body.delta(),
				(body.reason() != null) ? body.reason() : "", this.tokens.actor(authentication));
		return ResponseEntity.status(201).body(level);
	}

	/**
	 * @param handle handle
	 * @param name name
	 */
	record LocationInput(String handle, String name) {
	}

	/**
	 * @param items locations by handle
	 */
	record LocationList(List<StockLocation> items) {
	}

	/**
	 * @param variantId variant
	 * @param locationId location
	 * @param delta units added or removed
	 * @param reason why
	 */
	record AdjustmentInput(@Nullable UUID variantId, @Nullable UUID locationId, @Nullable Integer delta,
			@Nullable String reason) {
	}

}

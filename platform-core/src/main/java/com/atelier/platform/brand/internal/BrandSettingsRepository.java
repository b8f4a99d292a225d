package com.atelier.platform.brand.internal;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Brand settings of the current tenant (JPA, routed by the tenant context).
 */
public interface BrandSettingsRepository extends JpaRepository<BrandSettings, Short> {

}

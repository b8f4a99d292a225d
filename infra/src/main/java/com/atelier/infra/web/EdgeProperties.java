package com.atelier.infra.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code atelier.edge.*}: what the HTTP edge accepts before any API sees a request (ADR
 * 27).
 *
 * @param bodyLimit the largest request body per kind of route
 */
@ConfigurationProperties("atelier.edge")
public record EdgeProperties(@DefaultValue BodyLimit bodyLimit) {

	/**
	 * Request body limits ({@code atelier.edge.body-limit.*}), in bytes or with a unit
	 * ({@code 64KB} is 64 KiB).
	 *
	 * @param storefront storefront REST ({@code /storefront/api/**}) but its payment
	 * webhooks
	 * @param graphql {@code /storefront/graphql}
	 * @param paymentWebhooks {@code /storefront/api/v1/payments/{provider}/webhook}
	 * @param admin the admin API but its bulk endpoints
	 * @param adminBulk admin endpoints that take a whole product or price list:
	 * {@code /admin/api/v1/products/**}, {@code /variants/**},
	 * {@code /collections/{id}/products}, {@code /markets/{id}/prices/**}
	 * @param other everything else: sign-in pages, OAuth2 endpoints, operator API
	 */
	public record BodyLimit(@DefaultValue("64KB") DataSize storefront, @DefaultValue("32KB") DataSize graphql,
			@DefaultValue("512KB") DataSize paymentWebhooks, @DefaultValue("256KB") DataSize admin,
			@DefaultValue("1MB") DataSize adminBulk, @DefaultValue("64KB") DataSize other) {

	}

}

package com.atelier.storefront.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.schema.DataFetchingEnvironment;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;

import com.atelier.platform.brand.Brand;
import com.atelier.platform.brand.Brands;
import com.atelier.platform.catalog.CatalogProblems;
import com.atelier.platform.catalog.StorefrontCatalog;
import com.atelier.platform.money.Money;
import com.atelier.platform.outage.DatabaseOutages;
import com.atelier.platform.outage.OutageProblems;
import com.atelier.platform.pricing.Market;
import com.atelier.platform.problem.ProblemException;

/**
 * The storefront over GraphQL ({@code POST /storefront/graphql}): the same read model as
 * the REST API, so the same data. Queries are limited in depth and in complexity (a list
 * field counts its children once per requested item).
 */
@Controller
class CatalogGraphQl {

	static final int MAX_DEPTH = 10;

	static final int MAX_COMPLEXITY = 2000;

	private final StorefrontCatalog catalog;

	private final Brands brands;

	CatalogGraphQl(StorefrontCatalog catalog, Brands brands) {
		this.catalog = catalog;
		this.brands = brands;
	}

	@QueryMapping
	BrandView brand() {
		Brand brand = this.brands.current();
		return new BrandView(brand.displayName(), brand.logoUrl(), brand.defaultCurrency().code(),
				brand.defaultLocale(), brand.locales());
	}

	@QueryMapping
	List<Market> markets() {
		return this.catalog.markets();
	}

	@QueryMapping
	StorefrontCatalog.Listing products(@Argument int first, @Argument @Nullable String after,
			@Argument @Nullable String collection, @Argument @Nullable List<OptionFilter> options,
			@Argument @Nullable String minPrice, @Argument @Nullable String maxPrice, @Argument boolean available,
			@Argument StorefrontCatalog.Sort sort, @Argument @Nullable String market,
			@ContextValue(name = CONTEXT_MARKET, required = false) @Nullable String marketHeader,
			@ContextValue(name = CONTEXT_LANGUAGE, required = false) @Nullable String acceptLanguage) {
		Map<String, String> filter = new LinkedHashMap<>();
		if (options != null) {
			options.forEach((o) -> filter.put(o.name(), o.value()));
		}
		return this.catalog.products(new StorefrontCatalog.Query(
				this.catalog.market((market != null) ? market : marketHeader), this.catalog.locale(acceptLanguage),
				collection, filter, minPrice, maxPrice, available, sort, after, first));
	}

	@QueryMapping
	StorefrontCatalog.@Nullable ProductView product(@Argument String handle, @Argument @Nullable String market,
			@ContextValue(name = CONTEXT_MARKET, required = false) @Nullable String marketHeader,
			@ContextValue(name = CONTEXT_LANGUAGE, required = false) @Nullable String acceptLanguage) {
		Market chosen = this.catalog.market((market != null) ? market : marketHeader);
		return this.catalog.product(handle, chosen, this.catalog.locale(acceptLanguage)).orElse(null);
	}

	@QueryMapping
	List<StorefrontCatalog.CollectionView> collections(@Argument int first,
			@ContextValue(name = CONTEXT_LANGUAGE, required = false) @Nullable String acceptLanguage) {
		if (first < 1 || first > 100) {
			throw CatalogProblems.Invalid.of("first", "must be between 1 and 100");
		}
		List<StorefrontCatalog.CollectionView> all = this.catalog.collections(this.catalog.locale(acceptLanguage));
		return all.subList(0, Math.min(first, all.size()));
	}

	@QueryMapping
	StorefrontCatalog.@Nullable CollectionView collection(@Argument String handle,
			@ContextValue(name = CONTEXT_LANGUAGE, required = false) @Nullable String acceptLanguage) {
		return this.catalog.collection(handle, this.catalog.locale(acceptLanguage)).orElse(null);
	}

	@SchemaMapping(typeName = "Collection", field = "products")
	StorefrontCatalog.Listing collectionProducts(StorefrontCatalog.CollectionView collection, @Argument int first,
			@Argument @Nullable String after, @Argument StorefrontCatalog.Sort sort, @Argument @Nullable String market,
			@ContextValue(name = CONTEXT_MARKET, required = false) @Nullable String marketHeader,
			@ContextValue(name = CONTEXT_LANGUAGE, required = false) @Nullable String acceptLanguage) {
		return this.catalog.products(new StorefrontCatalog.Query(
				this.catalog.market((market != null) ? market : marketHeader), this.catalog.locale(acceptLanguage),
				collection.handle(), Map.of(), null, null, false, sort, after, first));
	}

	@SchemaMapping(typeName = "ProductCard", field = "price")
	PriceRange cardPrice(StorefrontCatalog.ProductCard card) {
		return new PriceRange(card.priceFrom(), card.priceTo());
	}

	@SchemaMapping(typeName = "ProductCard", field = "lowestPrice30Days")
	@Nullable Money cardLowest(StorefrontCatalog.ProductCard card) {
		return card.lowest30Days();
	}

	@SchemaMapping(typeName = "Product", field = "price")
	PriceRange productPrice(StorefrontCatalog.ProductView product) {
		return new PriceRange(product.priceFrom(), product.priceTo());
	}

	@SchemaMapping(typeName = "Product", field = "attributes")
	List<Attribute> attributes(StorefrontCatalog.ProductView product) {
		return product.attributes().entrySet().stream().map((e) -> new Attribute(e.getKey(), e.getValue())).toList();
	}

	@SchemaMapping(typeName = "Variant", field = "lowestPrice30Days")
	@Nullable Money variantLowest(StorefrontCatalog.VariantView variant) {
		return variant.lowest30Days();
	}

	static final String CONTEXT_MARKET = "atelier.market";

	static final String CONTEXT_LANGUAGE = "atelier.language";

	record BrandView(String name, @Nullable String logoUrl, String defaultCurrency, String defaultLocale,
			List<String> locales) {
	}

	record PriceRange(Money from, Money to) {
	}

	record Attribute(String name, String value) {
	}

	record OptionFilter(String name, String value) {
	}

	/**
	 * Limits, headers into the GraphQL context, and problems as GraphQL errors.
	 */
	@Configuration(proxyBeanMethods = false)
	static class GraphQlSupport {

		@Bean
		Instrumentation maxQueryDepth() {
			return new MaxQueryDepthInstrumentation(MAX_DEPTH);
		}

		/**
		 * Each field costs 1; a list field with {@code first} costs its children that
		 * many times.
		 */
		@Bean
		Instrumentation maxQueryComplexity() {
			return new MaxQueryComplexityInstrumentation(MAX_COMPLEXITY, (environment, childComplexity) -> {
				Object first = environment.getArguments().get("first");
				long times = (first instanceof Integer n) ? Math.max(n, 1) : 1;
				// Saturate: no field costs more than the limit plus one, so the sum over
				// any query the parser accepts stays far from int overflow.
				return (int) Math.min(MAX_COMPLEXITY + 1L, 1L + childComplexity * times);
			});
		}

		@Bean
		WebGraphQlInterceptor storefrontHeaders() {
			return (request, chain) -> {
				Map<String, Object> context = new LinkedHashMap<>();
				String market = request.getHeaders().getFirst(CatalogController.MARKET_HEADER);
				String language = request.getHeaders().getFirst(HttpHeaders.ACCEPT_LANGUAGE);
				if (market != null) {
					context.put(CONTEXT_MARKET, market);
				}
				if (language != null) {
					context.put(CONTEXT_LANGUAGE, language);
				}
				request.configureExecutionInput((input, builder) -> builder.graphQLContext(context).build());
				return chain.next(request);
			};
		}

		/**
		 * A response with an outage error says when to retry, as the REST API does (ADR
		 * 31); it stays HTTP 200, as every GraphQL answer with errors does.
		 */
		@Bean
		WebGraphQlInterceptor retryAfterOutages() {
			String type = OutageProblems.SERVICE_UNAVAILABLE.uri().toString();
			return (request, chain) -> chain.next(request).map((response) -> {
				if (response.getErrors().stream().anyMatch((error) -> type.equals(error.getExtensions().get("type")))) {
					response.getResponseHeaders().set(HttpHeaders.RETRY_AFTER, OutageProblems.retryAfter());
				}
				return response;
			});
		}

		@Bean
		DataFetcherExceptionResolver problems() {
			return new DataFetcherExceptionResolverAdapter() {

				@Override
				protected @Nullable GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
					if (DatabaseOutages.isOutage(ex)) {
						OutageProblems.answered(ex);
						return GraphqlErrorBuilder.newError(env)
							.errorType(ErrorClassification.errorClassification("UNAVAILABLE"))
							.message(OutageProblems.problem().getDetail())
							.extensions(Map.of("type", OutageProblems.SERVICE_UNAVAILABLE.uri().toString()))
							.build();
					}
					if (ex instanceof ProblemException problem) {
						return GraphqlErrorBuilder.newError(env)
							.errorType((problem.type().status() == 404) ? ErrorType.NOT_FOUND : ErrorType.BAD_REQUEST)
							.message(problem.getMessage())
							.extensions(Map.of("type", problem.type().uri().toString()))
							.build();
					}
					return null;
				}

			};
		}

	}

}

package com.atelier.infra.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import org.jspecify.annotations.Nullable;

import org.springframework.graphql.server.WebGraphQlInterceptor;

import com.atelier.platform.problem.ControlCharacters;
import com.atelier.platform.problem.InvalidRequest;
import com.atelier.platform.problem.Problems;

/**
 * The storefront GraphQL endpoint's share of input hygiene (ADR 27): control characters
 * in an argument (a string literal of the query; variables are checked as JSON) are
 * refused as a {@code BAD_REQUEST} error before the field runs, and no error message is
 * longer than a problem's detail (graphql-java quotes parts of the query).
 */
final class GraphQlInputHygiene {

	/** Most errors one GraphQL response lists. */
	static final int MAX_ERRORS = 20;

	private GraphQlInputHygiene() {
	}

	static Instrumentation arguments() {
		return new Instrumentation() {

			@Override
			public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher,
					InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
				if (parameters.isTrivialDataFetcher()) {
					return fetcher;
				}
				return (environment) -> {
					String argument = refused(environment.getArguments(), "");
					if (argument != null) {
						throw InvalidRequest.of(argument, ControlCharacters.MESSAGE);
					}
					return fetcher.get(environment);
				};
			}

		};
	}

	static WebGraphQlInterceptor boundedErrors() {
		return (request, chain) -> chain.next(request).map((response) -> {
			if (response.getErrors().isEmpty()) {
				return response;
			}
			List<GraphQLError> errors = new ArrayList<>();
			for (GraphQLError error : response.getExecutionResult().getErrors()) {
				if (errors.size() == MAX_ERRORS) {
					break;
				}
				errors.add(bounded(error));
			}
			return response.transform((builder) -> builder.errors(errors));
		});
	}

	private static GraphQLError bounded(GraphQLError error) {
		String message = (error.getMessage() != null) ? error.getMessage() : "";
		if (message.length() <= Problems.MAX_DETAIL) {
			return error;
		}
		GraphqlErrorBuilder<?> builder = GraphqlErrorBuilder.newError()
			.message(Problems.prefix(message, Problems.MAX_DETAIL))
			.errorType(error.getErrorType());
		if (error.getLocations() != null) {
			builder.locations(error.getLocations());
		}
		if (error.getPath() != null) {
			builder.path(error.getPath());
		}
		if (error.getExtensions() != null) {
			builder.extensions(error.getExtensions());
		}
		return builder.build();
	}

	/** The name of the first argument (or input field) holding a refused string. */
	private static @Nullable String refused(@Nullable Object value, String name) {
		if (value instanceof CharSequence text) {
			return ControlCharacters.refused(text) ? name : null;
		}
		if (value instanceof Map<?, ?> map) {
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				String key = String.valueOf(entry.getKey());
				String found = refused(entry.getValue(), name.isEmpty() ? key : name + "." + key);
				if (found != null) {
					return found;
				}
			}
		}
		if (value instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				String found = refused(list.get(i), name + "[" + i + "]");
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

}

package com.atelier.infra.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The request body limit of each route: the first pattern that matches the request's
 * (decoded) path decides; {@link EdgeProperties.BodyLimit#other()} otherwise.
 */
final class BodyLimits {

	private final List<Route> routes;

	private final long other;

	BodyLimits(EdgeProperties.BodyLimit limits) {
		this.routes = List.of(route("/storefront/api/v1/payments/*/webhook", limits.paymentWebhooks().toBytes()),
				route("/storefront/graphql", limits.graphql().toBytes()),
				route("/storefront/**", limits.storefront().toBytes()),
				route("/admin/api/v1/products/**", limits.adminBulk().toBytes()),
				route("/admin/api/v1/variants/**", limits.adminBulk().toBytes()),
				route("/admin/api/v1/collections/*/products", limits.adminBulk().toBytes()),
				route("/admin/api/v1/markets/*/prices/**", limits.adminBulk().toBytes()),
				route("/admin/**", limits.admin().toBytes()));
		this.other = limits.other().toBytes();
	}

	/**
	 * The most bytes the request's route accepts.
	 * @param request the request
	 * @return its limit
	 */
	long limitFor(HttpServletRequest request) {
		PathContainer path = PathContainer.parsePath(path(request));
		for (Route route : this.routes) {
			if (route.pattern().matches(path)) {
				return route.limit();
			}
		}
		return this.other;
	}

	/** The decoded path, as the controllers see it (encoding cannot dodge a limit). */
	private static String path(HttpServletRequest request) {
		String servletPath = request.getServletPath();
		String pathInfo = request.getPathInfo();
		String path = (pathInfo != null) ? servletPath + pathInfo : servletPath;
		return path.isEmpty() ? "/" : path;
	}

	private static Route route(String pattern, long limit) {
		return new Route(PathPatternParser.defaultInstance.parse(pattern), limit);
	}

	private record Route(PathPattern pattern, long limit) {
	}

}

package com.atelier.infra.operator;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The hosts the operator API is served on ({@code atelier.operator.hosts}, default the
 * local names {@code localhost} and {@code 127.0.0.1}). On any other host, a brand's
 * public domain above all, {@code /platform/**} is an unknown path: the same 404 problem
 * as any address nothing serves, whatever the method or credentials (ADR 27).
 *
 * @param hosts host names (or addresses) as clients send them in {@code Host}, without
 * port
 */
@ConfigurationProperties("atelier.operator")
record OperatorHosts(@DefaultValue( {
		"localhost", "127.0.0.1" }) List<String> hosts){

	boolean serves(HttpServletRequest request) {
		return normalized().contains(normalize(request.getServerName()));
	}

	private Set<String> normalized() {
		return this.hosts.stream().map(OperatorHosts::normalize).collect(Collectors.toSet());
	}

	private static String normalize(String host) {
		String name = host.strip().toLowerCase(Locale.ROOT);
		return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
	}

	/** Answers operator paths on other hosts as Tomcat answers an unknown path. */
	static final class Filter extends OncePerRequestFilter {

		private final Set<String> hosts;

		Filter(OperatorHosts hosts) {
			this.hosts = hosts.normalized();
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (!this.hosts.contains(normalize(request.getServerName()))) {
				// The container's error page: the very answer of an address nothing maps.
				response.sendError(HttpServletResponse.SC_NOT_FOUND);
				return;
			}
			chain.doFilter(request, response);
		}

	}

}

package com.atelier.platform.identity.web;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import com.atelier.platform.identity.Audience;
import com.atelier.platform.identity.CredentialThrottle;
import com.atelier.platform.identity.internal.ClientSecrets;
import com.atelier.platform.identity.internal.IdentityConfiguration.SignInUsers;
import com.atelier.platform.identity.internal.PublicClientRefresh;
import com.atelier.platform.identity.internal.SignInGuard;
import com.atelier.platform.outage.DatabaseOutages;
import com.atelier.platform.problem.ProblemResponses;
import com.atelier.platform.tenancy.web.TenancyWebConfiguration;

/**
 * The authorization server's security: Spring Authorization Server's endpoints
 * (authorize, token, JWKS, discovery, user info, revocation, introspection), with OpenID
 * Connect; and the two sign-in pages, each with its own user store. The tenant is already
 * set by the tenant resolution filter, so every store they touch is the host's tenant's.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableWebSecurity
public class AuthorizationServerSecurity {

	/** Security chain order of the authorization server endpoints. */
	public static final int AUTHORIZATION_SERVER_ORDER = 10;

	/** Security chain orders of the sign-in and consent pages. */
	public static final int PAGES_ORDER = 20;

	/** First order the API modules may use for their own chains. */
	public static final int API_ORDER = 40;

	@Bean
	@Order(AUTHORIZATION_SERVER_ORDER)
	SecurityFilterChain authorizationServerChain(HttpSecurity http, RegisteredClientRepository clients,
			CredentialThrottle throttle, ProblemResponses problems) throws Exception {
		TokenEndpointThrottling tokenThrottle = new TokenEndpointThrottling(throttle, problems);
		OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
		// Client secrets are SHA-256 (ADR 10): keep them so; never "upgrade" them to
		// Argon2.
		PasswordEncoder clientSecrets = new DelegatingPasswordEncoder("sha256", Map.of("sha256", new PasswordEncoder() {

			@Override
			public String encode(CharSequence raw) {
				return ClientSecrets.hash(raw.toString());
			}

			@Override
			public boolean matches(CharSequence raw, String encoded) {
				return ClientSecrets.matches(raw.toString(), encoded);
			}

		}));
		http.securityMatcher(server.getEndpointsMatcher())
			.with(server,
					(as) -> as.oidc(Customizer.withDefaults())
						.authorizationEndpoint((authorize) -> authorize.consentPage(SignInPages.CONSENT))
						.tokenEndpoint((token) -> token.errorResponseHandler(tokenThrottle.countingGrants()))
						.clientAuthentication((authentication) -> authentication
							.errorResponseHandler(tokenThrottle.countingClientAuthentication())
							.authenticationConverter(PublicClientRefresh.converter())
							.authenticationProvider(PublicClientRefresh.provider(clients))
							.authenticationProviders((providers) -> providers.stream()
								.filter(ClientSecretAuthenticationProvider.class::isInstance)
								.map(ClientSecretAuthenticationProvider.class::cast)
								.forEach((provider) -> provider.setPasswordEncoder(clientSecrets)))))
			.addFilterBefore(tokenThrottle, AbstractPreAuthenticatedProcessingFilter.class)
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().authenticated())
			.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(
					new SignInEntryPoint(clients), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()));
		return http.build();
	}

	@Bean
	@Order(PAGES_ORDER)
	SecurityFilterChain staffSignInChain(HttpSecurity http, SignInUsers users, PasswordEncoder passwords,
			SignInGuard guard) throws Exception {
		return signIn(http, SignInPages.STAFF, SignInGuard.STAFF, authenticationManager(users.staff(), passwords),
				guard);
	}

	@Bean
	@Order(PAGES_ORDER + 1)
	SecurityFilterChain shopperSignInChain(HttpSecurity http, SignInUsers users, PasswordEncoder passwords,
			SignInGuard guard) throws Exception {
		return signIn(http, SignInPages.SHOPPER, SignInGuard.SHOPPER,
				authenticationManager(users.customers(), passwords), guard);
	}

	@Bean
	@Order(PAGES_ORDER + 2)
	SecurityFilterChain consentChain(HttpSecurity http) throws Exception {
		http.securityMatcher(SignInPages.CONSENT)
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().authenticated())
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint((request, response, ex) -> response.sendError(401)));
		return http.build();
	}

	private static SecurityFilterChain signIn(HttpSecurity http, String page, String door,
			AuthenticationManager manager, SignInGuard guard) throws Exception {
		http.securityMatcher(page)
			.authenticationManager(manager)
			// Locked accounts, devices and addresses are refused before the password is
			// hashed (ADR 26).
			.addFilterBefore(new SignInThrottling(guard, page, door), UsernamePasswordAuthenticationFilter.class)
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
			.formLogin((form) -> form.loginPage(page)
				.loginProcessingUrl(page)
				.failureHandler(SignInThrottling.failure(guard, page))
				.successHandler(SignInThrottling.success(guard, page))
				.permitAll());
		return http.build();
	}

	private static AuthenticationManager authenticationManager(UserDetailsService users, PasswordEncoder passwords) {
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
		provider.setPasswordEncoder(passwords);
		ProviderManager manager = new ProviderManager(provider);
		return (authentication) -> {
			try {
				return manager.authenticate(authentication);
			}
			catch (InternalAuthenticationServiceException ex) {
				// An unavailable database is a 503 (ADR 31), not a failed sign-in logged
				// with its stack trace: let it through to the outage filter.
				if (DatabaseOutages.isOutage(ex) && ex.getCause() instanceof RuntimeException cause) {
					throw cause;
				}
				throw ex;
			}
		};
	}

	@Bean
	FilterRegistrationBean<SessionTenantBinding> sessionTenantBinding() {
		FilterRegistrationBean<SessionTenantBinding> registration = new FilterRegistrationBean<>(
				new SessionTenantBinding());
		registration.addUrlPatterns(TenancyWebConfiguration.TENANT_PATHS);
		registration.setOrder(TenancyWebConfiguration.ORDER + 10);
		registration.setName("sessionTenantBinding");
		return registration;
	}

	/**
	 * Sends a browser to the sign-in page of the principals the client serves: shoppers
	 * for the storefront's clients, staff otherwise.
	 */
	static final class SignInEntryPoint implements AuthenticationEntryPoint {

		private final RegisteredClientRepository clients;

		SignInEntryPoint(RegisteredClientRepository clients) {
			this.clients = clients;
		}

		@Override
		public void commence(HttpServletRequest request, HttpServletResponse response,
				org.springframework.security.core.AuthenticationException ex) throws IOException {
			String clientId = request.getParameter(OAuth2ParameterNames.CLIENT_ID);
			RegisteredClient client = (clientId != null) ? this.clients.findByClientId(clientId) : null;
			boolean shopper = client != null && Audience.STOREFRONT.setting()
				.equals(client.getClientSettings().getSetting("settings.atelier.audience"));
			response.sendRedirect(shopper ? SignInPages.SHOPPER : SignInPages.STAFF);
		}

	}

}

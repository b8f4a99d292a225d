package com.atelier.platform.identity.web;

import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import com.atelier.platform.brand.Brand;
import com.atelier.platform.brand.Brands;
import com.atelier.platform.identity.InvalidIdentityRequest;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

/**
 * The authorization server's pages, in the brand's name, logo and colours: sign-in for
 * staff ({@code /login/staff}) and shoppers ({@code /login/shopper}), and consent
 * ({@code /oauth2/consent}). Plain server-rendered HTML; every value is escaped.
 */
@Controller
class SignInPages {

	static final String STAFF = "/login/staff";

	static final String SHOPPER = "/login/shopper";

	static final String CONSENT = "/oauth2/consent";

	/** More scopes than any client has: a longer list is not a real request. */
	private static final int MAX_SCOPES = 50;

	private final Brands brands;

	private final RegisteredClientRepository clients;

	SignInPages(Brands brands, RegisteredClientRepository clients) {
		this.brands = brands;
		this.clients = clients;
	}

	@GetMapping(path = STAFF, produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	String staff(HttpServletRequest request, @RequestParam(required = false) @Nullable String error) {
		return signIn(request, STAFF, "Staff sign-in", error);
	}

	@GetMapping(path = SHOPPER, produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	String shopper(HttpServletRequest request, @RequestParam(required = false) @Nullable String error) {
		return signIn(request, SHOPPER, "Sign in", error);
	}

	@GetMapping(path = CONSENT, produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	String consent(HttpServletRequest request, @RequestParam(OAuth2ParameterNames.CLIENT_ID) String clientId,
			@RequestParam(OAuth2ParameterNames.SCOPE) String scope,
			@RequestParam(OAuth2ParameterNames.STATE) String state) {
		Brand brand = this.brands.current();
		RegisteredClient client = this.clients.findByClientId(clientId);
		String clientName = (client != null) ? client.getClientName() : clientId;
		StringBuilder scopes = new StringBuilder();
		for (String requested : requestedScopes(scope)) {
			if ("openid".equals(requested)) {
				continue;
			}
			scopes.append("<label><input type=\"checkbox\" name=\"scope\" value=\"")
				.append(htmlEscape(requested))
				.append("\" checked> ")
				.append(htmlEscape(requested))
				.append("</label>");
		}
		String body = "<h1>" + htmlEscape(clientName) + " would like access</h1>" + "<p>It asks "
				+ htmlEscape(brand.displayName()) + " for:</p>" + "<form method=\"post\" action=\"/oauth2/authorize\">"
				+ hidden(OAuth2ParameterNames.CLIENT_ID, clientId) + hidden(OAuth2ParameterNames.STATE, state)
				+ csrf(request) + scopes + "<button type=\"submit\">Allow</button></form>"
				+ "<form method=\"post\" action=\"/oauth2/authorize\">"
				+ hidden(OAuth2ParameterNames.CLIENT_ID, clientId) + hidden(OAuth2ParameterNames.STATE, state)
				+ csrf(request) + "<button type=\"submit\" class=\"secondary\">Deny</button></form>";
		return page(brand, "Allow access", body);
	}

	/**
	 * The scopes of a consent request: space-separated, each at most once (a repeated or
	 * empty scope is the client's error, answered 400, never shown).
	 */
	private static Set<String> requestedScopes(String scope) {
		Set<String> scopes = new LinkedHashSet<>();
		for (String requested : scope.split(" ", -1)) {
			if (requested.isEmpty() || !scopes.add(requested) || scopes.size() > MAX_SCOPES) {
				throw InvalidIdentityRequest.of(OAuth2ParameterNames.SCOPE,
						"must list distinct scopes separated by single spaces");
			}
		}
		return scopes;
	}

	private String signIn(HttpServletRequest request, String action, String title, @Nullable String error) {
		Brand brand = this.brands.current();
		String message = "";
		Integer lockedMinutes = lockedMinutes(request.getParameter("locked"));
		if (lockedMinutes != null) {
			message = "<p class=\"error\" role=\"alert\">Too many attempts. Try again in " + lockedMinutes + " minute"
					+ ((lockedMinutes == 1) ? "" : "s") + ".</p>";
		}
		else if (error != null) {
			message = "<p class=\"error\" role=\"alert\">The email or password is not right, the account is disabled,"
					+ " or the email is not verified yet.</p>";
		}
		else if (request.getParameter("signed-in") != null) {
			message = "<p role=\"status\">You are signed in.</p>";
		}
		String body = "<h1>" + htmlEscape(title) + "</h1>" + message + "<form method=\"post\" action=\"" + action
				+ "\"><label>Email <input type=\"email\" name=\"username\" autocomplete=\"username\" required></label>"
				+ "<label>Password <input type=\"password\" name=\"password\" autocomplete=\"current-password\""
				+ " required></label>" + csrf(request) + "<button type=\"submit\">Sign in</button></form>";
		return page(brand, title, body);
	}

	/** The minutes of {@code ?locked=N}, a whole number of 1 to 1440, else none. */
	private static @Nullable Integer lockedMinutes(@Nullable String value) {
		if (value == null || value.isEmpty() || value.length() > 4 || !value.chars().allMatch(Character::isDigit)) {
			return null;
		}
		int minutes = Integer.parseInt(value);
		return (minutes >= 1 && minutes <= 1440) ? minutes : null;
	}

	private static String page(Brand brand, String title, String body) {
		String logo = (brand.logoUrl() != null)
				? "<img class=\"logo\" src=\"" + htmlEscape(brand.logoUrl()) + "\" alt=\""
						+ htmlEscape(brand.displayName()) + "\">"
				: "<div class=\"logo-text\">" + htmlEscape(brand.displayName()) + "</div>";
		Brand.Colors colors = brand.colors();
		return "<!DOCTYPE html><html lang=\"" + htmlEscape(brand.defaultLocale()) + "\"><head><meta charset=\"utf-8\">"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" + "<title>"
				+ htmlEscape(title) + " · " + htmlEscape(brand.displayName()) + "</title><style>"
				+ "body{font-family:Georgia,serif;background:" + colors.background() + ";color:" + colors.primary()
				+ ";display:flex;justify-content:center;padding:4rem 1rem}"
				+ "main{max-width:24rem;width:100%}.logo{max-height:4rem}.logo-text{font-size:1.6rem;letter-spacing:.2em;"
				+ "text-transform:uppercase}label{display:block;margin:1rem 0}input[type=email],input[type=password]"
				+ "{display:block;width:100%;padding:.6rem;margin-top:.3rem}button{background:" + colors.primary()
				+ ";color:" + colors.background() + ";border:0;padding:.7rem 1.4rem;margin-top:.5rem}"
				+ "button.secondary{background:transparent;color:" + colors.primary() + "}.error{color:#A3122A}"
				+ "h1{font-weight:normal;border-bottom:1px solid " + colors.accent() + "}</style></head><body><main>"
				+ logo + body + "</main></body></html>";
	}

	private static String csrf(HttpServletRequest request) {
		Object token = request.getAttribute(CsrfToken.class.getName());
		return (token instanceof CsrfToken csrf) ? hidden(csrf.getParameterName(), csrf.getToken()) : "";
	}

	private static String hidden(String name, String value) {
		return "<input type=\"hidden\" name=\"" + htmlEscape(name) + "\" value=\"" + htmlEscape(value) + "\">";
	}

}

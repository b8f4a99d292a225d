package com.atelier.infra.outage;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import com.atelier.infra.AtelierApplication;
import com.atelier.infra.identity.Browser;
import com.atelier.platform.catalog.CatalogManagement;
import com.atelier.platform.catalog.Product;
import com.atelier.platform.catalog.ProductInput;
import com.atelier.platform.catalog.ProductStatus;
import com.atelier.platform.catalog.VariantInput;
import com.atelier.platform.cluster.ClusterSignals;
import com.atelier.platform.cluster.internal.PgClusterSignals;
import com.atelier.platform.identity.Actor;
import com.atelier.platform.identity.Customers;
import com.atelier.platform.identity.Integrations;
import com.atelier.platform.identity.Permission;
import com.atelier.platform.inventory.Inventory;
import com.atelier.platform.inventory.StockLocation;
import com.atelier.platform.orders.CommerceSettings;
import com.atelier.platform.pricing.Market;
import com.atelier.platform.pricing.Pricing;
import com.atelier.platform.tenancy.NewTenant;
import com.atelier.platform.tenancy.Tenant;
import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantProvisioning;
import com.atelier.testing.TestDatabase;
import com.atelier.testing.TestTenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL stops and starts again under a running node: a server of this test's own
 * (fixed data directory, restarted on the same port) and an application context of its
 * own, with the default pool wait. While the database is down, every door of the APIs
 * answers 503 problem+json with {@code Retry-After} within the pool wait (or succeeds
 * from a cache), never another 5xx and never a hang; the node recovers by itself
 * (requests, LISTEN/NOTIFY, jobs); and no order is lost, duplicated or half-written.
 */
class DatabaseRestartIT {

	/** The default pool wait ({@code spring.datasource.hikari.connection-timeout}). */
	static final Duration POOL_WAIT = Duration.ofSeconds(2);

	/**
	 * The longest an answer may take: the pool wait and a margin for a machine whose two
	 * cores are busy (a hang, before, was the pool's 30 s).
	 */
	static final Duration ANSWER_WITHIN = POOL_WAIT.plusMillis(2500);

	static final String UNAVAILABLE = "urn:atelier:problem:service-unavailable";

	static final String PASSWORD = "correct horse battery staple";

	static final Actor TESTS = Actor.operator("tests");

	static final String TEST_CHANNEL = "atelier_restart_test";

	static final HttpClient HTTP = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	static Path data;

	static int databasePort;

	static EmbeddedPostgres postgres;

	static ConfigurableApplicationContext app;

	static int port;

	static final AtomicInteger reconnects = new AtomicInteger();

	static final Set<String> notifications = ConcurrentHashMap.newKeySet();

	static ListAppender<ILoggingEvent> capturing;

	@BeforeAll
	static void start() throws Exception {
		data = Files.createTempDirectory("atelier-restart-pg");
		try (ServerSocket socket = new ServerSocket(0)) {
			databasePort = socket.getLocalPort();
		}
		startPostgres();
		try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
			statement.execute("create database atelier");
		}
		// Arguments, not default properties: they must win over application.yaml. The
		// pool wait is left at its default.
		app = new SpringApplicationBuilder(AtelierApplication.class).run("--server.port=0",
				"--spring.datasource.url=" + url("atelier"), "--spring.datasource.username=postgres",
				"--spring.datasource.password=", "--atelier.master-key=" + TestDatabase.masterKey(),
				"--atelier.embedded-db.enabled=false", "--atelier.events.relay-interval=200ms",
				"--atelier.orders.expiry-interval=1s", "--atelier.reports.summary-interval=1s");
		port = ((WebServerApplicationContext) app).getWebServer().getPort();
		app.getBean(ClusterSignals.class).subscribe(TEST_CHANNEL, new ClusterSignals.Subscriber() {

			@Override
			public void onMessage(String payload) {
				notifications.add(payload);
			}

			@Override
			public void onReconnect() {
				reconnects.incrementAndGet();
			}

		});
		awaitNotification();
	}

	@AfterAll
	static void stop() throws IOException {
		if (app != null) {
			app.close();
		}
		if (postgres != null) {
			postgres.close();
		}
		FileSystemUtils.deleteRecursively(data);
	}

	@Test
	void every_door_answers_503_with_retry_after_while_the_database_is_down() throws Exception {
		Tenant a = brand("doors-a");
		Tenant b = brand("doors-b");
		String unknownHost = TestTenants.uniqueSlug("nobody") + ".localhost";
		Integrations.Credentials aClient = integration(a);
		Integrations.Credentials bClient = integration(b);
		String aToken = clientToken(a, aClient);
		String bToken = clientToken(b, bClient);
		String aShopper = shopperToken(a);
		Answer page = send(b.localHost(), "GET", "/login/staff", null);
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		String session = cookie(page, "SESSION");
		String csrf = csrf(page.body());
		// Every node clears its caches of keys, principals and tenants when its listener
		// reconnects: start from there, then warm only what each door below must find.
		forgetCaches();
		assertThat(send(b.localHost(), "GET", "/storefront/api/v1/brand", null).status()).isEqualTo(200);
		assertThat(send(a.localHost(), "GET", "/storefront/api/v1/customers/me", null, "Authorization",
				"Bearer " + aShopper)
			.status()).isEqualTo(200);
		sellable(b, "doors-bag", 1);
		Answer cart = send(b.localHost(), "POST", "/storefront/api/v1/carts", "{}", "Content-Type", "application/json");
		assertThat(cart.status()).as(cart.toString()).isEqualTo(201);
		String cartToken = Browser.JSON.readTree(cart.body()).get("token").asString();
		List<ILoggingEvent> logged = capturingLogs();

		stopPostgres();
		try {
			Map<String, Answer> doors = new java.util.LinkedHashMap<>();
			doors.put("tenant resolution of a host not cached",
					send(unknownHost, "GET", "/storefront/api/v1/brand", null));
			doors.put("token validation reading the brand's keys",
					send(b.localHost(), "GET", "/admin/api/v1/brand", null, "Authorization", "Bearer " + bToken));
			doors.put("token validation reading the integration",
					send(a.localHost(), "GET", "/admin/api/v1/brand", null, "Authorization", "Bearer " + aToken));
			doors.put("idempotency key claimed before the controller",
					// Anonymous keys are scoped to a cart's secret token (ADR 29).
					send(b.localHost(), "POST", "/storefront/api/v1/carts/" + cartToken + "/lines",
							"{\"sku\":\"NONE\",\"quantity\":1}", "Content-Type", "application/json", "Idempotency-Key",
							UUID.randomUUID().toString()));
			doors.put("controller writing",
					send(b.localHost(), "POST", "/storefront/api/v1/carts", "{}", "Content-Type", "application/json"));
			doors.put("controller reading",
					send(b.localHost(), "GET", "/storefront/api/v1/products?first=3&sort=price", null));
			doors.put("token endpoint reading the client",
					send(b.localHost(), "POST", "/oauth2/token", "grant_type=client_credentials&scope=brand:read",
							"Content-Type", "application/x-www-form-urlencoded", "Authorization", basic(bClient)));
			doors.put("sign-in page", send(b.localHost(), "GET", "/login/staff", null));
			doors.put("sign-in with its session",
					send(b.localHost(), "POST", "/login/staff",
							"username=someone%40example.com&password=x&_csrf=" + csrf, "Content-Type",
							"application/x-www-form-urlencoded", "Cookie", "SESSION=" + session));
			doors.forEach((door, answer) -> {
				assertThat(answer.unavailable()).as("%s: %s", door, answer).isTrue();
				assertThat(answer.took()).as("%s answered in", door).isLessThan(ANSWER_WITHIN);
			});
			Answer graphQl = send(b.localHost(), "POST", "/storefront/graphql",
					"{\"query\":\"{ products(first: 3) { items { handle } } }\"}", "Content-Type", "application/json");
			assertThat(graphQl.status()).as(graphQl.toString()).isEqualTo(200);
			assertThat(graphQl.headers().firstValue("Retry-After")).as(graphQl.toString()).isPresent();
			JsonNode error = Browser.JSON.readTree(graphQl.body()).get("errors").get(0);
			assertThat(error.get("extensions").get("type").asString()).isEqualTo(UNAVAILABLE);
			assertThat(graphQl.took()).as(graphQl.toString()).isLessThan(ANSWER_WITHIN);
		}
		finally {
			startPostgres();
		}
		// Back by itself: the same doors answer again.
		await().atMost(Duration.ofSeconds(20))
			.until(() -> send(a.localHost(), "GET", "/admin/api/v1/brand", null, "Authorization", "Bearer " + aToken)
				.status() == 200);
		assertThat(
				send(b.localHost(), "GET", "/admin/api/v1/brand", null, "Authorization", "Bearer " + bToken).status())
			.isEqualTo(200);
		assertThat(send(unknownHost, "GET", "/storefront/api/v1/brand", null).status()).isEqualTo(404);
		assertThat(send(b.localHost(), "GET", "/login/staff", null).status()).isEqualTo(200);
		assertThat(stackTraces(logged)).as("stack traces logged").isEmpty();
	}

	@Test
	void shoppers_keep_going_through_a_restart_and_nothing_is_lost() throws Exception {
		Tenant brand = brand("restart");
		String host = brand.localHost();
		Product.Variant bag = sellable(brand, "restart-bag", 100_000);
		List<Call> calls = new CopyOnWriteArrayList<>();
		Map<UUID, Integer> placed = new ConcurrentHashMap<>();
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicBoolean restarted = new AtomicBoolean();
		Set<UUID> placedAfterRestart = ConcurrentHashMap.newKeySet();
		List<ILoggingEvent> logged = capturingLogs();
		ExecutorService shoppers = Executors.newFixedThreadPool(5);
		for (int i = 0; i < 3; i++) {
			shoppers.submit(() -> {
				while (running.get()) {
					UUID order = shop(host, bag.sku(), calls, placed);
					if (order != null && restarted.get()) {
						placedAfterRestart.add(order);
					}
				}
			});
		}
		for (int i = 0; i < 2; i++) {
			shoppers.submit(() -> {
				while (running.get()) {
					browse(host, calls);
				}
			});
		}
		try {
			await().atMost(Duration.ofSeconds(20)).until(() -> placed.size() >= 5);
			stopPostgres();
			long down = System.nanoTime();
			try {
				await().atMost(Duration.ofSeconds(15))
					.until(() -> calls.stream()
						.filter((call) -> call.at() > down && call.answer().unavailable())
						.count() >= 10);
			}
			finally {
				startPostgres();
				restarted.set(true);
			}
			await().atMost(Duration.ofSeconds(20)).until(() -> placedAfterRestart.size() >= 3);
		}
		finally {
			running.set(false);
			shoppers.shutdown();
			assertThat(shoppers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}

		// Only successes, or 503 problems with Retry-After, each within the pool wait.
		assertThat(calls).allSatisfy((call) -> {
			Answer answer = call.answer();
			assertThat(answer.status() == 200 || answer.status() == 201 || answer.unavailable())
				.as("%s: %s", call.what(), answer)
				.isTrue();
			assertThat(answer.took()).as("%s: %s", call.what(), answer).isLessThan(ANSWER_WITHIN);
		});
		assertThat(calls).filteredOn((call) -> call.answer().unavailable()).isNotEmpty();
		assertThat(stackTraces(logged)).as("stack traces logged").isEmpty();
		assertThat(logged)
			.filteredOn((event) -> event.getLoggerName().endsWith("PeriodicJob")
					&& event.getLevel().isGreaterOrEqual(Level.WARN))
			.as("one line per job and outage")
			.hasSizeLessThanOrEqualTo(3);

		// The listener listens again, by itself.
		await().atMost(Duration.ofSeconds(10)).until(() -> app.getBean(PgClusterSignals.class).isListening());
		awaitNotification();

		try (Connection db = connect("atelier")) {
			String schema = brand.schema().quoted();
			// Every order answered 201 exists once, whole: lines, payment, reservation,
			// expiry.
			for (Map.Entry<UUID, Integer> order : placed.entrySet()) {
				UUID id = order.getKey();
				assertThat(
						count(db, "select count(*) from " + schema + ".orders where id = ? and status = 'PLACED'", id))
					.as("order %s", id)
					.isEqualTo(1);
				assertThat(count(db,
						"select coalesce(sum(quantity), 0) from " + schema + ".order_lines where order_id = ?", id))
					.as("units of order %s", id)
					.isEqualTo(order.getValue().longValue());
				assertThat(count(db, "select count(*) from " + schema + ".payments where order_id = ?", id))
					.isEqualTo(1);
				assertThat(count(db,
						"select coalesce(sum(quantity), 0) from " + schema
								+ ".stock_reservations where order_id = ? and state = 'HELD'",
						id))
					.isEqualTo(order.getValue().longValue());
				assertThat(count(db, "select count(*) from platform.reservation_expiries where order_id = ?", id))
					.isEqualTo(1);
			}
			// Orders whose answer was lost in the outage are whole too; none is doubled.
			assertThat(count(db,
					"select count(*) from " + schema + ".orders o where not exists (select 1 from " + schema
							+ ".order_lines l where l.order_id = o.id) or not exists (select 1 from " + schema
							+ ".payments p where p.order_id = o.id) or not exists (select 1 from " + schema
							+ ".stock_reservations r where r.order_id = o.id)"))
				.isZero();
			assertThat(count(db, "select count(*) from (select cart_id from " + schema
					+ ".orders group by cart_id having count(*) > 1) doubled"))
				.isZero();
			assertThat(count(db, "select count(*) from " + schema + ".orders")).isGreaterThanOrEqualTo(placed.size());
			assertStockMatchesOrders(db, schema, bag.id());

			// The jobs run again: new orders' events are relayed, and a due reservation
			// is released.
			await().atMost(Duration.ofSeconds(15))
				.until(() -> count(db,
						"select count(*) from platform.outbox where tenant_id = ? and aggregate_id = any(?)"
								+ " and delivered_at is null",
						brand.id().value(),
						placedAfterRestart.stream().map(UUID::toString).toArray(String[]::new)) == 0);
			UUID due = placedAfterRestart.iterator().next();
			try (Statement statement = db.createStatement()) {
				statement
					.execute("update " + schema + ".orders set reservation_expires_at = now() - interval '1 second'"
							+ " where id = '" + due + "'");
				statement.execute("update platform.reservation_expiries set expires_at = now() - interval '1 second'"
						+ " where order_id = '" + due + "'");
			}
			await().atMost(Duration.ofSeconds(15))
				.until(() -> count(db,
						"select count(*) from " + schema + ".orders where id = ? and status = 'CANCELLED'", due) == 1);
			assertStockMatchesOrders(db, schema, bag.id());
		}
	}

	// ---- shoppers

	/** One shopper's visit: a cart, a line, details, a manual checkout. */
	static UUID shop(String host, String sku, List<Call> calls, Map<UUID, Integer> placed) {
		Answer created = record(calls, "create cart",
				send(host, "POST", "/storefront/api/v1/carts", "{}", "Content-Type", "application/json"));
		if (created.status() != 201) {
			return null;
		}
		String cart = Browser.JSON.readTree(created.body()).get("token").asString();
		int units = ThreadLocalRandom.current().nextInt(1, 4);
		Answer line = record(calls, "add line", send(host, "POST", "/storefront/api/v1/carts/" + cart + "/lines",
				"{\"sku\":\"" + sku + "\",\"quantity\":" + units + "}", "Content-Type", "application/json"));
		if (line.status() != 201) {
			return null;
		}
		Answer details = record(calls, "cart details",
				send(host, "PATCH", "/storefront/api/v1/carts/" + cart,
						"{\"email\":\"shopper-" + UUID.randomUUID()
								+ "@example.com\",\"country\":\"FR\",\"shippingMethod\":\"standard\"}",
						"Content-Type", "application/json"));
		if (details.status() != 200) {
			return null;
		}
		Answer checkout = record(calls, "checkout",
				send(host, "POST", "/storefront/api/v1/carts/" + cart + "/checkout", "{\"paymentProvider\":\"manual\"}",
						"Content-Type", "application/json", "Idempotency-Key", UUID.randomUUID().toString()));
		if (checkout.status() != 201) {
			return null;
		}
		UUID order = UUID.fromString(Browser.JSON.readTree(checkout.body()).get("order").get("id").asString());
		placed.put(order, units);
		return order;
	}

	static void browse(String host, List<Call> calls) {
		int first = ThreadLocalRandom.current().nextInt(1, 30);
		record(calls, "list products", send(host, "GET", "/storefront/api/v1/products?first=" + first, null));
		record(calls, "product", send(host, "GET", "/storefront/api/v1/products/restart-bag", null));
	}

	static Answer record(List<Call> calls, String what, Answer answer) {
		calls.add(new Call(what, answer, System.nanoTime()));
		if (answer.status() == 503) {
			// A client that honours Retry-After, impatiently.
			LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
		}
		return answer;
	}

	// ---- the brand

	static Tenant brand(String prefix) {
		return app.getBean(TenantProvisioning.class)
			.create(NewTenant.of(TestTenants.uniqueSlug(prefix), "Maison " + prefix, "EUR", List.of(),
					List.of("fr-FR", "en")));
	}

	static Product.Variant sellable(Tenant tenant, String handle, int units) {
		return TenantContext.call(tenant.ref(), () -> {
			Market eu = app.getBean(Pricing.class).createMarket("eu", "EU", "EUR", List.of("FR"), true, true, TESTS);
			CommerceSettings settings = app.getBean(CommerceSettings.class);
			settings.setTaxRates(eu.id(), Map.of("FR", "0.2"), TESTS);
			settings.createShippingMethod(eu.id(), "standard", "Standard", "0.00", null, TESTS);
			// Every shopper here comes from 127.0.0.1: no unpaid-order limits (ADR 30).
			settings.updateCheckoutSettings(new CommerceSettings.CheckoutSettingsChange(null, null, null, 0, 0, 0),
					TESTS);
			Product product = app.getBean(CatalogManagement.class)
				.createProduct(new ProductInput(handle, handle, null, ProductStatus.ACTIVE, null, null, null, null,
						List.of(), List.of(), List.of(new VariantInput(handle.toUpperCase(), null, List.of(), null)),
						Map.of()), TESTS);
			Product.Variant variant = product.variants().get(0);
			app.getBean(Pricing.class)
				.setPrices(eu.id(), List.of(new Pricing.PriceInput(variant.id(), null, "100.00")), TESTS);
			Inventory inventory = app.getBean(Inventory.class);
			StockLocation main = inventory.createLocation("main", "Main", TESTS);
			inventory.adjust(variant.id(), main.id(), units, "test stock", TESTS);
			return variant;
		});
	}

	static Integrations.Credentials integration(Tenant tenant) {
		return TenantContext.call(tenant.ref(),
				() -> app.getBean(Integrations.class).create("Outage test", Set.of(Permission.BRAND_READ), TESTS));
	}

	static String clientToken(Tenant tenant, Integrations.Credentials client) {
		Answer token = send(tenant.localHost(), "POST", "/oauth2/token",
				"grant_type=client_credentials&scope=brand:read", "Content-Type", "application/x-www-form-urlencoded",
				"Authorization", basic(client));
		assertThat(token.status()).as(token.toString()).isEqualTo(200);
		return Browser.JSON.readTree(token.body()).get("access_token").asString();
	}

	static String shopperToken(Tenant tenant) {
		String email = "shopper-" + TestTenants.uniqueSlug("c") + "@example.com";
		Customers customers = app.getBean(Customers.class);
		Customers.SignUp signUp = TenantContext.call(tenant.ref(),
				() -> customers.signUp(email, PASSWORD, null).orElseThrow());
		TenantContext.run(tenant.ref(), () -> customers.verify(signUp.verificationToken()));
		return new Browser(port, tenant.localHost()).tokens("storefront", email, PASSWORD)
			.get("access_token")
			.asString();
	}

	static String basic(Integrations.Credentials client) {
		return "Basic " + Base64.getEncoder()
			.encodeToString((client.clientId() + ":" + client.clientSecret()).getBytes(StandardCharsets.UTF_8));
	}

	// ---- the node's caches, signals and logs

	/**
	 * Drops the node's listening connection: on reconnecting, every subscriber clears
	 * what it cached (tenants, keys, principals). Notifications are delivered only after
	 * every subscriber heard of the reconnect, so one arriving means it is done.
	 */
	static void forgetCaches() {
		int before = reconnects.get();
		app.getBean(PgClusterSignals.class).dropConnection();
		await().atMost(Duration.ofSeconds(10)).until(() -> reconnects.get() > before);
		awaitNotification();
	}

	/** Sends notifications until the node's listener delivers one. */
	static void awaitNotification() {
		String marker = UUID.randomUUID().toString();
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
			try (Connection connection = connect("atelier");
					PreparedStatement statement = connection.prepareStatement("select pg_notify(?, ?)")) {
				statement.setString(1, TEST_CHANNEL);
				statement.setString(2, marker);
				statement.execute();
			}
			return notifications.contains(marker);
		});
	}

	/** Every event logged from now on, until the test ends. */
	static List<ILoggingEvent> capturingLogs() {
		ListAppender<ILoggingEvent> appender = new ListAppender<>() {

			@Override
			protected void append(ILoggingEvent event) {
				if (event.getLevel().isGreaterOrEqual(Level.INFO)) {
					super.append(event);
				}
			}

		};
		appender.list = new CopyOnWriteArrayList<>();
		appender.start();
		root().addAppender(appender);
		capturing = appender;
		return appender.list;
	}

	@AfterEach
	void stopCapturingLogs() {
		if (capturing != null) {
			root().detachAppender(capturing);
			capturing.stop();
			capturing = null;
		}
	}

	static Logger root() {
		return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

	static List<String> stackTraces(List<ILoggingEvent> events) {
		return events.stream()
			.filter((event) -> event.getThrowableProxy() != null)
			.map((event) -> event.getLoggerName() + ": " + event.getFormattedMessage() + " ("
					+ event.getThrowableProxy().getClassName() + ")")
			.toList();
	}

	// ---- the database

	static void startPostgres() throws IOException {
		postgres = EmbeddedPostgres.builder()
			.setDataDirectory(data)
			.setCleanDataDirectory(false)
			.setPort(databasePort)
			.setPGStartupWait(Duration.ofSeconds(60))
			.setServerConfig("max_connections", "100")
			.setServerConfig("fsync", "off")
			.setServerConfig("synchronous_commit", "off")
			.start();
	}

	/** A fast shutdown, as a restart does: sessions are ended, open work rolled back. */
	static void stopPostgres() throws IOException {
		postgres.close();
	}

	static String url(String database) {
		return "jdbc:postgresql://127.0.0.1:" + databasePort + "/" + database;
	}

	static Connection connect(String database) throws SQLException {
		return DriverManager.getConnection(url(database), "postgres", "");
	}

	static long count(Connection db, String sql, Object... binds) throws SQLException {
		try (PreparedStatement statement = db.prepareStatement(sql)) {
			for (int i = 0; i < binds.length; i++) {
				if (binds[i] instanceof String[] array) {
					statement.setArray(i + 1, db.createArrayOf("text", array));
				}
				else {
					statement.setObject(i + 1, binds[i]);
				}
			}
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

	/**
	 * On hand is what was stocked, and reserved is exactly what placed orders hold.
	 */
	static void assertStockMatchesOrders(Connection db, String schema, UUID variant) throws SQLException {
		assertThat(count(db, "select on_hand from " + schema + ".stock_levels where variant_id = ?", variant))
			.isEqualTo(100_000);
		long reserved = count(db, "select reserved from " + schema + ".stock_levels where variant_id = ?", variant);
		assertThat(reserved).isEqualTo(count(db,
				"select coalesce(sum(quantity), 0) from " + schema + ".stock_reservations where state = 'HELD'"));
		assertThat(reserved).isEqualTo(count(db, "select coalesce(sum(l.quantity), 0) from " + schema
				+ ".order_lines l join " + schema + ".orders o on o.id = l.order_id where o.status = 'PLACED'"));
	}

	// ---- HTTP

	static Answer send(String host, String method, String path, String body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(15))
			.header("Host", host + ":" + port)
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		long start = System.nanoTime();
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.headers(), response.body(),
					Duration.ofNanos(System.nanoTime() - start));
		}
		catch (IOException ex) {
			return new Answer(-1, HttpHeaders.of(Map.of(), (a, b) -> true), ex.toString(),
					Duration.ofNanos(System.nanoTime() - start));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static String cookie(Answer answer, String name) {
		return answer.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((value) -> value.startsWith(name + "="))
			.map((value) -> value.substring(name.length() + 1, value.indexOf(';')))
			.findFirst()
			.orElseThrow();
	}

	static String csrf(String html) {
		Matcher matcher = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

	/**
	 * @param status the HTTP status, or -1 when no answer came (timeout, connection
	 * closed)
	 * @param headers the response headers
	 * @param body the body, or what went wrong
	 * @param took how long the answer took
	 */
	record Answer(int status, HttpHeaders headers, String body, Duration took) {

		/** A 503 problem of the documented type, with {@code Retry-After}. */
		boolean unavailable() {
			return this.status == 503
					&& this.headers.firstValue("Content-Type").orElse("").startsWith("application/problem+json")
					&& this.headers.firstValue("Retry-After").isPresent() && this.body.contains(UNAVAILABLE);
		}

		@Override
		public String toString() {
			return this.status + " in " + this.took.toMillis() + " ms "
					+ this.headers.firstValue("Content-Type").orElse("") + " "
					+ ((this.body.length() > 300) ? this.body.substring(0, 300) : this.body);
		}

	}

	record Call(String what, Answer answer, long at) {
	}

}

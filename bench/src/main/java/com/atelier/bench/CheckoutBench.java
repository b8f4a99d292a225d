package com.atelier.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checkout load against a running Atelier on 127.0.0.1, as anonymous shoppers of one
 * brand (the brand comes from the {@code Host} header). Only the JDK: it runs with Java's
 * single-file source launcher
 * ({@code java bench/src/main/java/com/atelier/bench/CheckoutBench.java
 * ...}) as well as from the bench module. Used by {@code bench/checkout.sh}.
 * <ul>
 * <li>{@code flash BASE HOST SKU ATTEMPTS}: prepares ATTEMPTS carts, each with one unit
 * of SKU, an email, country FR and standard shipping (untimed, 16 threads), opens one
 * connection per shopper (untimed), then sends all ATTEMPTS checkouts at once
 * ({@code paymentProvider: manual}) and prints winners (201), losers (409 insufficient
 * stock), errors (anything else), successful checkouts per second and latency percentiles
 * for winners and losers.</li>
 * <li>{@code mixed BASE HOST WARMUP SECONDS CONCURRENCY SKU...}: CONCURRENCY shoppers,
 * each in a loop: create a cart, add one or two of the SKUs (one unit each), set the
 * details, check out. Flows that end in the first WARMUP seconds are not counted; the
 * next SECONDS are measured. Prints successful checkouts per second and the latency of
 * the checkout call and of the whole flow.</li>
 * <li>{@code verify BASE HOST ADMIN_TOKEN SKU EXPECTED FROM BEFORE}: through the admin
 * API (scopes {@code orders:read}, {@code inventory:read}), counts the orders placed in
 * [FROM, BEFORE) (ISO 8601 instants) and those holding SKU, reads the stock of SKU
 * (expected: EXPECTED on hand, EXPECTED reserved, none available) and checks that no
 * stock row is negative or reserves more than it holds. Exit code 0 on PASS, 1 on
 * FAIL.</li>
 * </ul>
 * Every mode prints a last line starting with {@code RESULT} of {@code key=value} pairs
 * for the script.
 */
public final class CheckoutBench {

	private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern CONTENT_LENGTH = Pattern.compile("(?m)^content-length:\\s*(\\d+)");

	private static final Pattern ORDER_NUMBER = Pattern.compile("\"number\"\\s*:\\s*(\\d+)");

	private static final String INSUFFICIENT_STOCK = "urn:atelier:problem:insufficient-stock";

	private static final String CHECKOUT_BODY = "{\"paymentProvider\":\"manual\"}";

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final int PREPARE_THREADS = 16;

	private static final int MAX_SAMPLES = 5;

	private final HttpClient http;

	private final String base;

	private final String host;

	private final Map<String, Integer> errorSamples = new LinkedHashMap<>();

	private CheckoutBench(HttpClient http, String base, String host) {
		this.http = http;
		this.base = base;
		this.host = host;
	}

	public static void main(String[] args) throws Exception {
		// Before java.net.http is first used: the tenant comes from the Host header.
		System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
		if (args.length < 3) {
			usage();
		}
		ExecutorService executor = Executors.newFixedThreadPool(4, (runnable) -> {
			Thread thread = new Thread(runnable, "http-client");
			thread.setDaemon(true);
			return thread;
		});
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.executor(executor)
			.build();
		String base = args[1].endsWith("/") ? args[1].substring(0, args[1].length() - 1) : args[1];
		CheckoutBench bench = new CheckoutBench(http, base, args[2]);
		int code = 2;
		if ("flash".equals(args[0]) && args.length == 5) {
			code = bench.flash(args[3], Integer.parseInt(args[4]));
		}
		else if ("mixed".equals(args[0]) && args.length >= 7) {
			code = bench.mixed(Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]),
					List.of(args).subList(6, args.length));
		}
		else if ("prepared".equals(args[0]) && args.length >= 7) {
			code = bench.prepared(Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]),
					List.of(args).subList(6, args.length));
		}
		else if ("verify".equals(args[0]) && args.length == 8) {
			code = bench.verify(args[3], args[4], Integer.parseInt(args[5]), args[6], args[7]);
		}
		else {
			usage();
		}
		System.exit(code);
	}

	private static void usage() {
		System.err.println("usage: CheckoutBench flash BASE HOST SKU ATTEMPTS");
		System.err.println("       CheckoutBench mixed BASE HOST WARMUP_SECONDS SECONDS CONCURRENCY SKU...");
		System.err.println("       CheckoutBench prepared BASE HOST PREPARE_SECONDS SECONDS CONCURRENCY SKU...");
		System.err.println("       CheckoutBench verify BASE HOST ADMIN_TOKEN SKU EXPECTED FROM BEFORE");
		System.exit(2);
	}

	// Flash sale

	private int flash(String sku, int attempts) throws Exception {
		String run = Long.toString(System.currentTimeMillis(), 36);
		long prepareStarted = System.nanoTime();
		String[] tokens = new String[attempts];
		ExecutorService pool = Executors.newFixedThreadPool(PREPARE_THREADS);
		try {
			List<Future<?>> prepared = new ArrayList<>();
			for (int i = 0; i < attempts; i++) {
				int shopper = i;
				prepared.add(pool.submit(() -> {
					tokens[shopper] = prepareCart("flash-" + run + "-" + shopper + "@bench.example", List.of(sku),
							new long[3]);
					return null;
				}));
			}
			for (Future<?> future : prepared) {
				future.get(120, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		double prepareSeconds = (System.nanoTime() - prepareStarted) / 1e9;
		// Every shopper has just loaded the product page: its connection is open. The
		// checkouts go out on plain sockets, written and read with one selector: the
		// load generator shares the server's two cores, and java.net.http spent about a
		// quarter of them on 1,000 requests at once.
		long connectStarted = System.nanoTime();
		URI uri = URI.create(this.base);
		List<SocketChannel> channels = new ArrayList<>();
		for (int i = 0; i < attempts; i++) {
			SocketChannel channel = SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort()));
			channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
			channel.configureBlocking(false);
			channels.add(channel);
		}
		double connectSeconds = (System.nanoTime() - connectStarted) / 1e9;
		byte[][] requests = new byte[attempts][];
		for (int i = 0; i < attempts; i++) {
			requests[i] = ("POST /storefront/api/v1/carts/" + tokens[i] + "/checkout HTTP/1.1\r\nHost: " + this.host
					+ "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: "
					+ CHECKOUT_BODY.length() + "\r\n\r\n" + CHECKOUT_BODY)
				.getBytes(StandardCharsets.US_ASCII);
		}
		hook("ATELIER_BENCH_BEFORE_MEASURE");
		long[] sent = new long[attempts];
		long[] answered = new long[attempts];
		int[] status = new int[attempts];
		String[] bodies = new String[attempts];
		long started = System.nanoTime();
		long allSent;
		try (Selector selector = Selector.open()) {
			for (int i = 0; i < attempts; i++) {
				ByteBuffer request = ByteBuffer.wrap(requests[i]);
				sent[i] = System.nanoTime();
				channels.get(i).write(request);
				channels.get(i)
					.register(selector, request.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ,
							new RawExchange(i, request));
			}
			allSent = System.nanoTime();
			int open = attempts;
			long deadline = started + TIMEOUT.toNanos();
			ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
			while (open > 0 && System.nanoTime() < deadline) {
				selector.select(1000);
				for (SelectionKey key : selector.selectedKeys()) {
					RawExchange exchange = (RawExchange) key.attachment();
					SocketChannel channel = (SocketChannel) key.channel();
					if (key.isWritable()) {
						channel.write(exchange.request);
						if (!exchange.request.hasRemaining()) {
							key.interestOps(SelectionKey.OP_READ);
						}
						continue;
					}
					buffer.clear();
					int read = channel.read(buffer);
					if (read > 0) {
						exchange.response.write(buffer.array(), 0, read);
					}
					String complete = exchange.complete(read < 0);
					if (complete != null) {
						answered[exchange.index] = System.nanoTime();
						status[exchange.index] = exchange.status;
						bodies[exchange.index] = complete;
						key.cancel();
						channel.close();
						open--;
					}
				}
				selector.selectedKeys().clear();
			}
		}
		finally {
			for (SocketChannel channel : channels) {
				channel.close();
			}
		}
		for (int i = 0; i < attempts; i++) {
			if (answered[i] == 0) {
				answered[i] = System.nanoTime();
				status[i] = -1;
				bodies[i] = "no answer within " + TIMEOUT;
			}
		}
		hook("ATELIER_BENCH_AFTER_MEASURE");

		List<Long> winners = new ArrayList<>();
		List<Long> losers = new ArrayList<>();
		Set<String> numbers = new HashSet<>();
		int errors = 0;
		long lastWinner = started;
		long last = started;
		for (int i = 0; i < attempts; i++) {
			long latency = answered[i] - sent[i];
			last = Math.max(last, answered[i]);
			if (status[i] == 201) {
				winners.add(latency);
				lastWinner = Math.max(lastWinner, answered[i]);
				Matcher number = ORDER_NUMBER.matcher(bodies[i]);
				if (number.find()) {
					numbers.add(number.group(1));
				}
			}
			else if (status[i] == 409 && bodies[i].contains(INSUFFICIENT_STOCK)) {
				losers.add(latency);
			}
			else {
				errors++;
				sample("checkout", status[i], bodies[i]);
			}
		}
		double wall = (last - started) / 1e9;
		double toLastWinner = (lastWinner - started) / 1e9;
		double rateToLastWinner = winners.isEmpty() ? 0 : winners.size() / toLastWinner;
		double rateWall = winners.size() / wall;
		long[] w = sorted(winners);
		long[] l = sorted(losers);
		System.out.printf(Locale.ROOT,
				"flash: %d checkout attempts on %s sent at once (%d carts prepared beforehand in %.1f s,"
						+ " one connection per shopper opened beforehand in %.2f s; sending took %.0f ms)%n",
				attempts, sku, attempts, prepareSeconds, connectSeconds, (allSent - started) / 1e6);
		System.out.printf(Locale.ROOT,
				"winners (201): %d with %d distinct order numbers; losers (409 insufficient stock): %d; errors: %d%n",
				winners.size(), numbers.size(), losers.size(), errors);
		System.out.printf(Locale.ROOT,
				"wall time, first send to last answer: %.3f s; first send to last winner: %.3f s%n", wall,
				toLastWinner);
		System.out.printf(Locale.ROOT,
				"successful checkouts/s: %.1f (winners / time from first send to last winner answered);"
						+ " %.1f (winners / whole wall time)%n",
				rateToLastWinner, rateWall);
		System.out.printf(Locale.ROOT, "checkout answers/s, winners and losers: %.1f%n", attempts / wall);
		System.out.printf(Locale.ROOT, "latency winners: p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", ms(w, 50), ms(w, 99),
				ms(w, 100));
		System.out.printf(Locale.ROOT, "latency losers:  p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", ms(l, 50), ms(l, 99),
				ms(l, 100));
		printSamples();
		System.out.printf(Locale.ROOT,
				"RESULT flash attempts=%d winners=%d distinct_orders=%d losers=%d errors=%d wall_s=%.3f"
						+ " to_last_winner_s=%.3f rate_to_last_winner=%.1f rate_wall=%.1f answers_per_s=%.1f"
						+ " winner_p50_ms=%.0f winner_p99_ms=%.0f loser_p50_ms=%.0f loser_p99_ms=%.0f%n",
				attempts, winners.size(), numbers.size(), losers.size(), errors, wall, toLastWinner, rateToLastWinner,
				rateWall, attempts / wall, ms(w, 50), ms(w, 99), ms(l, 50), ms(l, 99));
		return 0;
	}

	/**
	 * One checkout on its own connection: the request still to write and the answer read
	 * so far (HTTP/1.1 with a {@code Content-Length} or chunked body).
	 */
	private static final class RawExchange {

		final int index;

		final ByteBuffer request;

		final java.io.ByteArrayOutputStream response = new java.io.ByteArrayOutputStream();

		int status;

		RawExchange(int index, ByteBuffer request) {
			this.index = index;
			this.request = request;
		}

		/** The body once the whole answer is in (or the connection closed), else null. */
		String complete(boolean closed) {
			String text = this.response.toString(StandardCharsets.UTF_8);
			int end = text.indexOf("\r\n\r\n");
			if (end < 0) {
				return closed ? "connection closed before the answer's headers" : null;
			}
			String head = text.substring(0, end).toLowerCase(Locale.ROOT);
			String body = text.substring(end + 4);
			this.status = Integer.parseInt(head.substring(9, 12));
			Matcher length = CONTENT_LENGTH.matcher(head);
			if (length.find()) {
				int expected = Integer.parseInt(length.group(1));
				// Bodies are JSON in UTF-8; compare bytes, not characters.
				return (body.getBytes(StandardCharsets.UTF_8).length >= expected || closed) ? body : null;
			}
			if (head.contains("transfer-encoding: chunked")) {
				return (body.endsWith("0\r\n\r\n") || closed) ? body : null;
			}
			return closed ? body : null;
		}

	}

	/**
	 * Runs the shell command in the environment variable, if set, and waits for it: lets
	 * a profiler be started right before the measured checkouts (flash sale, prepared
	 * carts) are sent and stopped after the last answer, leaving out the preparation of
	 * the carts.
	 */
	private static void hook(String variable) throws IOException, InterruptedException {
		String command = System.getenv(variable);
		if (command != null && !command.isBlank()) {
			new ProcessBuilder("sh", "-c", command).inheritIO().start().waitFor();
		}
	}

	// Mixed SKUs

	private int mixed(int warmup, int seconds, int concurrency, List<String> skus) throws Exception {
		long started = System.nanoTime();
		long from = started + TimeUnit.SECONDS.toNanos(warmup);
		long until = from + TimeUnit.SECONDS.toNanos(seconds);
		Shopper[] shoppers = new Shopper[concurrency];
		Thread[] threads = new Thread[concurrency];
		String run = Long.toString(System.currentTimeMillis(), 36);
		for (int i = 0; i < concurrency; i++) {
			Shopper shopper = new Shopper("mixed-" + run + "-" + i, skus, from, until);
			shoppers[i] = shopper;
			threads[i] = new Thread(shopper, "shopper-" + i);
			threads[i].start();
		}
		for (Thread thread : threads) {
			thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())) + 90_000);
		}
		List<List<Long>> steps = new ArrayList<>();
		for (int step = 0; step < Shopper.STEPS.length; step++) {
			steps.add(new ArrayList<>());
		}
		List<Long> flow = new ArrayList<>();
		int ok = 0;
		int allOk = 0;
		int insufficient = 0;
		int errors = 0;
		long requests = 0;
		for (Shopper shopper : shoppers) {
			synchronized (shopper) {
				for (int step = 0; step < Shopper.STEPS.length; step++) {
					steps.get(step).addAll(shopper.stepNanos.get(step));
				}
				flow.addAll(shopper.flowNanos);
				ok += shopper.ok;
				allOk += shopper.allOk;
				insufficient += shopper.insufficient;
				errors += shopper.errors;
				requests += shopper.requests;
			}
		}
		long[] c = sorted(steps.get(Shopper.STEPS.length - 1));
		long[] f = sorted(flow);
		double rate = ok / (double) seconds;
		System.out.printf(Locale.ROOT,
				"mixed: %d shoppers, %d SKUs, 1-2 lines per cart; %d s measured after %d s of warm-up%n", concurrency,
				skus.size(), seconds, warmup);
		System.out.printf(Locale.ROOT,
				"checkouts: %d successful (%.1f/s), %d insufficient stock, %d errors; %.1f shopper requests/s%n", ok,
				rate, insufficient, errors, requests / (double) seconds);
		System.out.printf(Locale.ROOT, "checkout call: p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", ms(c, 50), ms(c, 99),
				ms(c, 100));
		System.out.printf(Locale.ROOT,
				"whole flow (create cart, 1-2 lines, details, checkout): p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
				ms(f, 50), ms(f, 99), ms(f, 100));
		StringBuilder perCall = new StringBuilder("each call, p50/p99 ms:");
		for (int step = 0; step < Shopper.STEPS.length; step++) {
			long[] values = sorted(steps.get(step));
			perCall.append(String.format(Locale.ROOT, "%s %s %.0f/%.0f", (step > 0) ? "," : "", Shopper.STEPS[step],
					ms(values, 50), ms(values, 99)));
		}
		System.out.println(perCall);
		printSamples();
		System.out.printf(Locale.ROOT,
				"RESULT mixed concurrency=%d seconds=%d ok=%d rate=%.1f insufficient=%d errors=%d requests_per_s=%.1f"
						+ " checkout_p50_ms=%.0f checkout_p99_ms=%.0f flow_p50_ms=%.0f flow_p99_ms=%.0f all_ok=%d%n",
				concurrency, seconds, ok, rate, insufficient, errors, requests / (double) seconds, ms(c, 50), ms(c, 99),
				ms(f, 50), ms(f, 99), allOk);
		return 0;
	}

	/**
	 * Sustained checkouts of mixed SKUs, the way the flash sale measures them: carts (1-2
	 * random SKUs each) are filled first, by 16 threads for PREPARE_SECONDS (not
	 * measured); then CONCURRENCY shoppers check them out back to back for at most
	 * SECONDS, or until the carts run out. The rate is successful checkouts over the time
	 * from the first checkout to the last answer.
	 */
	private int prepared(int prepareSeconds, int seconds, int concurrency, List<String> skus) throws Exception {
		String run = Long.toString(System.currentTimeMillis(), 36);
		java.util.concurrent.ConcurrentLinkedQueue<String> carts = new java.util.concurrent.ConcurrentLinkedQueue<>();
		long prepareUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(prepareSeconds);
		java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();
		Thread[] fillers = new Thread[16];
		for (int i = 0; i < fillers.length; i++) {
			int filler = i;
			fillers[i] = new Thread(() -> {
				ThreadLocalRandom random = ThreadLocalRandom.current();
				while (System.nanoTime() < prepareUntil) {
					List<String> lines = new ArrayList<>();
					lines.add(skus.get(random.nextInt(skus.size())));
					if (skus.size() > 1 && random.nextBoolean()) {
						String second;
						do {
							second = skus.get(random.nextInt(skus.size()));
						}
						while (second.equals(lines.get(0)));
						lines.add(second);
					}
					try {
						carts.add(prepareCart(
								"prepared-" + run + "-" + filler + "-" + made.incrementAndGet() + "@bench.example",
								lines, new long[2 + lines.size()]));
					}
					catch (IOException | RuntimeException ex) {
						sample("prepare", -1, ex.toString());
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
				}
			}, "filler-" + i);
			fillers[i].start();
		}
		for (Thread filler : fillers) {
			filler.join();
		}
		int prepared = carts.size();
		List<Long> winners = java.util.Collections.synchronizedList(new ArrayList<>());
		java.util.concurrent.atomic.AtomicInteger insufficient = new java.util.concurrent.atomic.AtomicInteger();
		java.util.concurrent.atomic.AtomicInteger errors = new java.util.concurrent.atomic.AtomicInteger();
		hook("ATELIER_BENCH_BEFORE_MEASURE");
		long started = System.nanoTime();
		long until = started + TimeUnit.SECONDS.toNanos(seconds);
		java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong(started);
		Thread[] shoppers = new Thread[concurrency];
		for (int i = 0; i < concurrency; i++) {
			shoppers[i] = new Thread(() -> {
				String token;
				while (System.nanoTime() < until && (token = carts.poll()) != null) {
					long sent = System.nanoTime();
					try {
						HttpResponse<String> response = send(
								json("POST", "/storefront/api/v1/carts/" + token + "/checkout", CHECKOUT_BODY));
						long took = System.nanoTime() - sent;
						last.accumulateAndGet(System.nanoTime(), Math::max);
						if (response.statusCode() == 201) {
							winners.add(took);
						}
						else if (response.statusCode() == 409 && response.body().contains(INSUFFICIENT_STOCK)) {
							insufficient.incrementAndGet();
						}
						else {
							errors.incrementAndGet();
							sample("checkout", response.statusCode(), response.body());
						}
					}
					catch (IOException | RuntimeException ex) {
						errors.incrementAndGet();
						sample("checkout", -1, ex.toString());
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
				}
			}, "shopper-" + i);
			shoppers[i].start();
		}
		for (Thread shopper : shoppers) {
			shopper.join();
		}
		hook("ATELIER_BENCH_AFTER_MEASURE");
		double elapsed = (last.get() - started) / 1e9;
		long[] c = sorted(winners);
		double rate = winners.size() / elapsed;
		System.out.printf(Locale.ROOT,
				"prepared: %d carts of 1-2 of %d SKUs filled beforehand in %d s; %d shoppers checked out for %.1f s%s%n",
				prepared, skus.size(), prepareSeconds, concurrency, elapsed,
				carts.isEmpty() ? " (all carts used)" : "");
		System.out.printf(Locale.ROOT, "checkouts: %d successful (%.1f/s), %d insufficient stock, %d errors%n",
				winners.size(), rate, insufficient.get(), errors.get());
		System.out.printf(Locale.ROOT, "checkout call: p50 %.0f ms, p99 %.0f ms, max %.0f ms%n", ms(c, 50), ms(c, 99),
				ms(c, 100));
		printSamples();
		System.out.printf(Locale.ROOT,
				"RESULT prepared concurrency=%d seconds=%.1f ok=%d rate=%.1f insufficient=%d errors=%d"
						+ " checkout_p50_ms=%.0f checkout_p99_ms=%.0f%n",
				concurrency, elapsed, winners.size(), rate, insufficient.get(), errors.get(), ms(c, 50), ms(c, 99));
		return 0;
	}

	/**
	 * One shopper of the mixed run: fills and checks out carts until the end of the run.
	 * Flows that end inside the measured window are counted; {@code allOk} counts every
	 * successful checkout, warm-up included.
	 */
	private final class Shopper implements Runnable {

		static final String[] STEPS = { "create cart", "add line", "details", "checkout" };

		private final String name;

		private final List<String> skus;

		private final long from;

		private final long until;

		private final List<List<Long>> stepNanos = new ArrayList<>();

		private final List<Long> flowNanos = new ArrayList<>();

		private int ok;

		private int allOk;

		private int insufficient;

		private int errors;

		private long requests;

		Shopper(String name, List<String> skus, long from, long until) {
			this.name = name;
			this.skus = skus;
			this.from = from;
			this.until = until;
			for (int step = 0; step < STEPS.length; step++) {
				this.stepNanos.add(new ArrayList<>());
			}
		}

		@Override
		public void run() {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			int n = 0;
			while (System.nanoTime() < this.until) {
				List<String> lines = new ArrayList<>();
				lines.add(this.skus.get(random.nextInt(this.skus.size())));
				if (this.skus.size() > 1 && random.nextBoolean()) {
					String second;
					do {
						second = this.skus.get(random.nextInt(this.skus.size()));
					}
					while (second.equals(lines.get(0)));
					lines.add(second);
				}
				String email = this.name + "-" + (n++) + "@bench.example";
				long[] times = new long[STEPS.length + lines.size() - 1];
				long flowStarted = System.nanoTime();
				int status;
				String body;
				try {
					String token = prepareCart(email, lines, times);
					long checkoutStarted = System.nanoTime();
					HttpResponse<String> response = send(
							json("POST", "/storefront/api/v1/carts/" + token + "/checkout", CHECKOUT_BODY));
					times[times.length - 1] = System.nanoTime() - checkoutStarted;
					status = response.statusCode();
					body = response.body();
				}
				catch (IOException | RuntimeException ex) {
					long ended = System.nanoTime();
					if (ended >= this.from && ended <= this.until) {
						synchronized (this) {
							this.errors++;
						}
						sample("flow", -1, ex.toString());
					}
					continue;
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				long ended = System.nanoTime();
				boolean counted = ended >= this.from && ended <= this.until;
				boolean insufficientStock = status == 409 && body.contains(INSUFFICIENT_STOCK);
				synchronized (this) {
					if (status == 201) {
						this.allOk++;
					}
					if (counted) {
						this.requests += 3 + lines.size();
						if (status == 201) {
							this.ok++;
							this.flowNanos.add(ended - flowStarted);
							this.stepNanos.get(0).add(times[0]);
							for (int line = 0; line < lines.size(); line++) {
								this.stepNanos.get(1).add(times[1 + line]);
							}
							this.stepNanos.get(2).add(times[times.length - 2]);
							this.stepNanos.get(3).add(times[times.length - 1]);
						}
						else if (insufficientStock) {
							this.insufficient++;
						}
						else {
							this.errors++;
						}
					}
				}
				if (counted && status != 201 && !insufficientStock) {
					sample("checkout", status, body);
				}
			}
		}

	}

	// Verification through the admin API

	private int verify(String adminToken, String sku, int expected, String from, String before) throws Exception {
		String query = "?placedFrom=" + URLEncoder.encode(from, StandardCharsets.UTF_8) + "&placedBefore="
				+ URLEncoder.encode(before, StandardCharsets.UTF_8) + "&limit=200";
		List<String> ids = new ArrayList<>();
		for (Map<String, Object> order : pages(adminToken, "/admin/api/v1/orders" + query)) {
			ids.add(string(order, "id"));
		}
		int holding = 0;
		int units = 0;
		int other = 0;
		Set<String> numbers = new HashSet<>();
		Map<String, Integer> statuses = new TreeMap<>();
		for (String id : ids) {
			Map<String, Object> order = object(Json.parse(admin(adminToken, "/admin/api/v1/orders/" + id)));
			int mine = 0;
			for (Object line : list(order.get("lines"))) {
				if (sku.equals(string(object(line), "sku"))) {
					mine += integer(object(line), "quantity");
				}
			}
			if (mine > 0) {
				holding++;
				units += mine;
				numbers.add(String.valueOf(order.get("number")));
				statuses.merge(string(order, "status"), 1, Integer::sum);
			}
			else {
				other++;
			}
		}
		int onHand = 0;
		int reserved = 0;
		int available = 0;
		int locations = 0;
		int rows = 0;
		List<String> bad = new ArrayList<>();
		for (Map<String, Object> level : pages(adminToken, "/admin/api/v1/inventory?limit=200")) {
			rows++;
			int h = integer(level, "onHand");
			int r = integer(level, "reserved");
			int a = integer(level, "available");
			if (h < 0 || r < 0 || a < 0 || r > h || a != h - r) {
				bad.add(string(level, "sku") + "@" + string(level, "location") + " onHand=" + h + " reserved=" + r
						+ " available=" + a);
			}
			if (sku.equals(string(level, "sku"))) {
				locations++;
				onHand += h;
				reserved += r;
				available += a;
			}
		}
		System.out.printf(Locale.ROOT,
				"orders placed in [%s, %s): %d; holding %s: %d (%d distinct numbers, %d units, statuses %s);"
						+ " other orders: %d%n",
				from, before, ids.size(), sku, holding, numbers.size(), units, statuses, other);
		System.out.printf(Locale.ROOT, "stock of %s (%d locations): on hand %d, reserved %d, available %d%n", sku,
				locations, onHand, reserved, available);
		System.out.printf(Locale.ROOT, "stock rows checked: %d; negative, over-reserved or inconsistent: %d%n", rows,
				bad.size());
		for (String row : bad.subList(0, Math.min(bad.size(), MAX_SAMPLES))) {
			System.out.println("  " + row);
		}
		boolean pass = holding == expected && numbers.size() == expected && units == expected
				&& statuses.getOrDefault("placed", 0) == expected && reserved == expected && onHand == expected
				&& available == 0 && bad.isEmpty();
		System.out.printf(Locale.ROOT,
				"%s: expected exactly %d orders holding %s, %d reserved of %d on hand,"
						+ " none available, no negative stock%n",
				pass ? "PASS" : "FAIL", expected, sku, expected, expected);
		System.out.printf(Locale.ROOT,
				"RESULT verify pass=%s orders_with_sku=%d units=%d other_orders=%d on_hand=%d reserved=%d"
						+ " available=%d bad_rows=%d%n",
				pass, holding, units, other, onHand, reserved, available, bad.size());
		return pass ? 0 : 1;
	}

	/** Every item of an admin list, following its {@code next} cursor. */
	private List<Map<String, Object>> pages(String adminToken, String path) throws Exception {
		List<Map<String, Object>> items = new ArrayList<>();
		String after = null;
		do {
			String page = (after != null) ? path + "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8) : path;
			Map<String, Object> body = object(Json.parse(admin(adminToken, page)));
			for (Object item : list(body.get("items"))) {
				items.add(object(item));
			}
			Object next = body.get("next");
			after = (next instanceof String text) ? text : null;
		}
		while (after != null);
		return items;
	}

	private String admin(String adminToken, String path) throws IOException, InterruptedException {
		return expect(request(path).header("Authorization", "Bearer " + adminToken)
			.header("Accept", "application/json")
			.GET()
			.build(), 200);
	}

	// HTTP

	/**
	 * Opens a cart with one unit of each SKU, the shopper's email, country FR and
	 * standard shipping, and returns its token. Stores the time each call took in
	 * {@code times}: the cart, each line, the details.
	 */
	private String prepareCart(String email, List<String> skus, long[] times) throws IOException, InterruptedException {
		long started = System.nanoTime();
		String cart = expect(json("POST", "/storefront/api/v1/carts", "{}"), 201);
		times[0] = System.nanoTime() - started;
		Matcher token = TOKEN.matcher(cart);
		if (!token.find()) {
			throw new IllegalStateException("no cart token in " + cart);
		}
		for (int i = 0; i < skus.size(); i++) {
			started = System.nanoTime();
			expect(json("POST", "/storefront/api/v1/carts/" + token.group(1) + "/lines",
					"{\"sku\":\"" + skus.get(i) + "\",\"quantity\":1}"), 201);
			times[1 + i] = System.nanoTime() - started;
		}
		started = System.nanoTime();
		expect(json("PATCH", "/storefront/api/v1/carts/" + token.group(1),
				"{\"email\":\"" + email + "\",\"country\":\"FR\",\"shippingMethod\":\"standard\"}"), 200);
		times[1 + skus.size()] = System.nanoTime() - started;
		return token.group(1);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.base + path)).timeout(TIMEOUT).header("Host", this.host);
	}

	private HttpRequest json(String method, String path, String body) {
		return request(path).header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private String expect(HttpRequest request, int status) throws IOException, InterruptedException {
		HttpResponse<String> response = send(request);
		if (response.statusCode() != status) {
			throw new IllegalStateException(request.method() + " " + request.uri().getRawPath() + " answered "
					+ response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	// Reporting

	private synchronized void sample(String what, int status, String body) {
		String text = body.replaceAll("/carts/[A-Za-z0-9_-]{20,}", "/carts/{token}");
		String key = what + " " + status + " " + text.substring(0, Math.min(text.length(), 300));
		this.errorSamples.merge(key, 1, Integer::sum);
	}

	private synchronized void printSamples() {
		int shown = 0;
		for (Map.Entry<String, Integer> sample : this.errorSamples.entrySet()) {
			if (shown++ == MAX_SAMPLES) {
				System.out.printf(Locale.ROOT, "  ... %d more kinds of error%n",
						this.errorSamples.size() - MAX_SAMPLES);
				break;
			}
			System.out.printf(Locale.ROOT, "  error x%d: %s%n", sample.getValue(), sample.getKey());
		}
	}

	private static long[] sorted(List<Long> nanos) {
		long[] values = nanos.stream().mapToLong(Long::longValue).toArray();
		Arrays.sort(values);
		return values;
	}

	/** Nearest-rank percentile in milliseconds; NaN without values. */
	private static double ms(long[] sorted, int percentile) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
	}

	// JSON

	@SuppressWarnings("unchecked")
	private static Map<String, Object> object(Object value) {
		if (value instanceof Map<?, ?> map) {
			return (Map<String, Object>) map;
		}
		throw new IllegalStateException("not a JSON object: " + value);
	}

	private static List<Object> list(Object value) {
		if (value instanceof List<?> items) {
			return new ArrayList<>(items);
		}
		throw new IllegalStateException("not a JSON array: " + value);
	}

	private static String string(Map<String, Object> object, String field) {
		return String.valueOf(object.get(field));
	}

	private static int integer(Map<String, Object> object, String field) {
		if (object.get(field) instanceof BigDecimal number) {
			return number.intValueExact();
		}
		throw new IllegalStateException("no number " + field + " in " + object);
	}

	/**
	 * A small JSON reader: objects become maps (without their null fields), arrays lists,
	 * numbers {@link BigDecimal}.
	 */
	private static final class Json {

		private static final Object NULL = new Object();

		private final String text;

		private int at;

		private Json(String text) {
			this.text = text;
		}

		static Object parse(String text) {
			Json json = new Json(text);
			Object value = json.value();
			json.space();
			if (json.at != text.length()) {
				throw json.error("trailing characters");
			}
			return value;
		}

		private Object value() {
			space();
			if (this.at >= this.text.length()) {
				throw error("unexpected end");
			}
			char c = this.text.charAt(this.at);
			if (c == '{') {
				return object();
			}
			if (c == '[') {
				return array();
			}
			if (c == '"') {
				return string();
			}
			if (this.text.startsWith("true", this.at)) {
				this.at += 4;
				return Boolean.TRUE;
			}
			if (this.text.startsWith("false", this.at)) {
				this.at += 5;
				return Boolean.FALSE;
			}
			if (this.text.startsWith("null", this.at)) {
				this.at += 4;
				return NULL;
			}
			int start = this.at;
			while (this.at < this.text.length() && "+-0123456789.eE".indexOf(this.text.charAt(this.at)) >= 0) {
				this.at++;
			}
			if (start == this.at) {
				throw error("unexpected character");
			}
			return new BigDecimal(this.text.substring(start, this.at));
		}

		private Map<String, Object> object() {
			Map<String, Object> object = new LinkedHashMap<>();
			this.at++;
			space();
			if (peek() == '}') {
				this.at++;
				return object;
			}
			while (true) {
				space();
				if (peek() != '"') {
					throw error("expected a field name");
				}
				String name = string();
				space();
				expectChar(':');
				Object value = value();
				if (value != NULL) {
					object.put(name, value);
				}
				space();
				if (peek() == ',') {
					this.at++;
				}
				else {
					expectChar('}');
					return object;
				}
			}
		}

		private List<Object> array() {
			List<Object> array = new ArrayList<>();
			this.at++;
			space();
			if (peek() == ']') {
				this.at++;
				return array;
			}
			while (true) {
				array.add(value());
				space();
				if (peek() == ',') {
					this.at++;
				}
				else {
					expectChar(']');
					return array;
				}
			}
		}

		private String string() {
			StringBuilder out = new StringBuilder();
			this.at++;
			while (true) {
				if (this.at >= this.text.length()) {
					throw error("unterminated string");
				}
				char c = this.text.charAt(this.at++);
				if (c == '"') {
					return out.toString();
				}
				if (c != '\\') {
					out.append(c);
					continue;
				}
				char escaped = this.text.charAt(this.at++);
				switch (escaped) {
					case 'b' -> out.append('\b');
					case 'f' -> out.append('\f');
					case 'n' -> out.append('\n');
					case 'r' -> out.append('\r');
					case 't' -> out.append('\t');
					case 'u' -> {
						out.append((char) Integer.parseInt(this.text.substring(this.at, this.at + 4), 16));
						this.at += 4;
					}
					default -> out.append(escaped);
				}
			}
		}

		private char peek() {
			if (this.at >= this.text.length()) {
				throw error("unexpected end");
			}
			return this.text.charAt(this.at);
		}

		private void expectChar(char wanted) {
			if (peek() != wanted) {
				throw error("expected '" + wanted + "'");
			}
			this.at++;
		}

		private void space() {
			while (this.at < this.text.length() && Character.isWhitespace(this.text.charAt(this.at))) {
				this.at++;
			}
		}

		private IllegalStateException error(String message) {
			return new IllegalStateException(message + " at " + this.at + " in JSON: "
					+ this.text.substring(0, Math.min(this.text.length(), 200)));
		}

	}

}

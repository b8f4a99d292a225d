package com.atelier.infra.reports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.atelier.platform.tenancy.Tenant;
import com.atelier.testing.TestDatabase;

/**
 * Seeds orders, lines, payments and refunds straight into a tenant's schema, with the
 * timestamps a test needs (orders at the edges of a day), as checkout would have written
 * them.
 */
public final class ReportSeed implements AutoCloseable {

	private final Connection connection;

	public ReportSeed(Tenant tenant, String database) {
		try {
			this.connection = TestDatabase.database(database).connect();
			try (Statement statement = this.connection.createStatement()) {
				statement.execute("set search_path to " + tenant.schema().quoted());
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The market's id; a made-up one when the tenant has no such market (orders keep no
	 * key to it).
	 */
	public UUID market(String handle) {
		return uuid("select id from markets where handle = ?", handle);
	}

	public UUID variant(String sku) {
		return uuid("select id from variants where sku = ?", sku);
	}

	public UUID productOf(String sku) {
		return uuid("select product_id from variants where sku = ?", "product:" + sku, sku);
	}

	/**
	 * An order with its lines and one manual payment.
	 * @return the order's id
	 */
	public UUID order(String email, String market, String currency, boolean taxIncluded, String status, long shipping,
			long shippingTax, long captured, long refunded, Instant placedAt, @Nullable String cancelReason,
			Line... lines) {
		long subtotal = 0;
		long tax = shippingTax;
		for (Line line : lines) {
			subtotal += line.quantity() * line.unitPrice();
			tax += line.tax();
		}
		long total = subtotal + shipping + (taxIncluded ? 0 : tax);
		UUID id = UUID.randomUUID();
		update("insert into orders (id, cart_id, email, market_id, currency, country, prices_include_tax, status,"
				+ " subtotal_minor, shipping_minor, tax_minor, total_minor, captured_minor, refunded_minor,"
				+ " payment_provider, cancel_reason, placed_at, updated_at)"
				+ " values (?, ?, ?, ?, ?, 'FR', ?, ?, ?, ?, ?, ?, ?, ?, 'manual', ?, ?, ?)", id, UUID.randomUUID(),
				email, market(market), currency, taxIncluded, status, subtotal, shipping, tax, total, captured,
				refunded, cancelReason, Timestamp.from(placedAt), Timestamp.from(placedAt));
		int position = 0;
		for (Line line : lines) {
			update("insert into order_lines (id, order_id, position, product_id, variant_id, sku, title, variant_title,"
					+ " quantity, unit_price_minor, subtotal_minor, tax_rate, tax_minor)"
					+ " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::numeric, ?)", UUID.randomUUID(), id, position++,
					productOf(line.sku()), variant(line.sku()), line.sku(), line.title(), "Default", line.quantity(),
					line.unitPrice(), line.quantity() * line.unitPrice(), line.rate(), line.tax());
		}
		String paymentStatus = (captured == 0) ? ("CANCELLED".equals(status) ? "VOIDED" : "PENDING")
				: (refunded == captured) ? "REFUNDED" : "CAPTURED";
		update("insert into payments (id, order_id, provider, reference, status, amount_minor, captured_minor,"
				+ " refunded_minor, currency, created_at) values (?, ?, 'manual', ?, ?, ?, ?, ?, ?, ?)",
				UUID.randomUUID(), id, "seed-" + id, paymentStatus, total, captured, refunded, currency,
				Timestamp.from(placedAt));
		return id;
	}

	/** A refund of an order's payment, made at a given time. */
	public void refund(UUID order, long amount, Instant at) {
		update("insert into refunds (id, order_id, payment_id, amount_minor, reason, actor_type, actor_id, created_at)"
				+ " select ?, ?, id, ?, 'seeded', 'OPERATOR', 'tests', ? from payments where order_id = ?",
				UUID.randomUUID(), order, amount, Timestamp.from(at), order);
	}

	/** A cart created at a given time, with lines of a variant or none. */
	public void cart(String market, String status, Instant createdAt, @Nullable String sku) {
		UUID id = UUID.randomUUID();
		update("insert into carts (id, token_hash, market_id, status, created_at, updated_at) values (?, ?, ?, ?, ?, ?)",
				id, "seed-" + id, market(market), status, Timestamp.from(createdAt), Timestamp.from(createdAt));
		if (sku != null) {
			update("insert into cart_lines (id, cart_id, variant_id, quantity, position) values (?, ?, ?, 1, 0)",
					UUID.randomUUID(), id, variant(sku));
		}
	}

	public void update(String sql, @Nullable Object... values) {
		try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
			for (int i = 0; i < values.length; i++) {
				statement.setObject(i + 1, values[i]);
			}
			statement.executeUpdate();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public long count(String sql) {
		try (Statement statement = this.connection.createStatement(); var rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public Connection connection() {
		return this.connection;
	}

	private UUID uuid(String sql, String value) {
		return uuid(sql, value, value);
	}

	private UUID uuid(String sql, String name, String value) {
		try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
			statement.setString(1, value);
			try (var rows = statement.executeQuery()) {
				if (!rows.next()) {
					return UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
				}
				return rows.getObject(1, UUID.class);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() throws SQLException {
		this.connection.close();
	}

	/**
	 * @param sku the variant's SKU
	 * @param title the product title as the order recorded it
	 * @param quantity units
	 * @param unitPrice minor units
	 * @param rate the tax rate, e.g. {@code 0.2}
	 * @param tax the line's tax, minor units
	 */
	public record Line(String sku, String title, int quantity, long unitPrice, String rate, long tax) {
	}

}

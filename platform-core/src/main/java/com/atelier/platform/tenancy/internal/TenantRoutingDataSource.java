package com.atelier.platform.tenancy.internal;

import java.sql.Connection;
import java.sql.SQLException;

import org.springframework.jdbc.datasource.AbstractDataSource;

import com.atelier.platform.tenancy.NoTenantInContext;
import com.atelier.platform.tenancy.TenantContext;

/**
 * The application's {@code DataSource}: every connection points at the current tenant's
 * schema. Without a tenant in context it throws {@link NoTenantInContext}: tenant data
 * fails closed. JPA, jOOQ and {@code JdbcTemplate} all borrow through it.
 */
public final class TenantRoutingDataSource extends AbstractDataSource {

	private final ConnectionRouter router;

	public TenantRoutingDataSource(ConnectionRouter router) {
		this.router = router;
	}

	@Override
	public Connection getConnection() throws SQLException {
		return this.router.borrow(TenantContext.require().schema());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		throw new SQLException("Atelier connections come from one pool; per-user connections are not supported");
	}

}

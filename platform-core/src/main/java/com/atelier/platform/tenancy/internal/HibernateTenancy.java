package com.atelier.platform.tenancy.internal;

import java.sql.Connection;
import java.sql.SQLException;

import org.hibernate.context.spi.CurrentTenantIdentifierResolver;
import org.hibernate.engine.jdbc.connections.spi.MultiTenantConnectionProvider;

import com.atelier.platform.tenancy.TenantContext;
import com.atelier.platform.tenancy.TenantSchema;

/**
 * Hibernate's multi-tenancy SPI on top of the {@link ConnectionRouter}. The tenant
 * identifier is the schema name; the resolver reads the tenant context and fails closed.
 */
final class HibernateTenancy {

	private HibernateTenancy() {
	}

	static final class ConnectionProvider implements MultiTenantConnectionProvider<String> {

		private final ConnectionRouter router;

		ConnectionProvider(ConnectionRouter router) {
			this.router = router;
		}

		@Override
		public Connection getAnyConnection() throws SQLException {
			return this.router.borrowPlatform();
		}

		@Override
		public void releaseAnyConnection(Connection connection) throws SQLException {
			connection.close();
		}

		@Override
		public Connection getConnection(String tenantIdentifier) throws SQLException {
			return this.router.borrow(new TenantSchema(tenantIdentifier));
		}

		@Override
		public void releaseConnection(String tenantIdentifier, Connection connection) throws SQLException {
			connection.close();
		}

		@Override
		public boolean supportsAggressiveRelease() {
			return false;
		}

		@Override
		public boolean handlesConnectionSchema() {
			// The router has set the search path; Hibernate must not call setSchema.
			return true;
		}

		@Override
		public boolean isUnwrappableAs(Class<?> unwrapType) {
			return unwrapType.isInstance(this);
		}

		@Override
		public <T> T unwrap(Class<T> unwrapType) {
			if (unwrapType.isInstance(this)) {
				return unwrapType.cast(this);
			}
			throw new IllegalArgumentException("cannot unwrap as " + unwrapType);
		}

	}

	static final class TenantResolver implements CurrentTenantIdentifierResolver<String> {

		@Override
		public String resolveCurrentTenantIdentifier() {
			return TenantContext.require().schema().name();
		}

		@Override
		public boolean validateExistingCurrentSessions() {
			return true;
		}

	}

}

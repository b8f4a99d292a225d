package com.atelier.platform.identity.web;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.config.annotation.web.http.EnableSpringHttpSession;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.support.TransactionTemplate;

import com.atelier.platform.outage.OutageWatch;
import com.atelier.platform.tenancy.PlatformDsl;

/**
 * Login sessions of the authorization server live in PostgreSQL ({@code platform} schema,
 * Spring Session JDBC), so any node can serve any step of a sign-in. They are only
 * created by the sign-in pages and the authorization endpoint; the APIs are stateless.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableSpringHttpSession
public class SessionConfiguration {

	/** Sessions expire after 30 minutes without activity. */
	static final Duration MAX_INACTIVE = Duration.ofMinutes(30);

	@Bean
	JdbcIndexedSessionRepository sessionRepository(PlatformDsl platform) {
		JdbcTemplate jdbc = new JdbcTemplate(platform.dataSource());
		TransactionTemplate transactions = new TransactionTemplate(
				new DataSourceTransactionManager(platform.dataSource()));
		JdbcIndexedSessionRepository repository = new JdbcIndexedSessionRepository(jdbc, transactions);
		repository.setTableName("platform.spring_session");
		// Two requests of one session may add the same attribute (two tabs saving a
		// request or a CSRF token): the later one wins, as for any update, instead of
		// failing on the primary key.
		repository.setCreateSessionAttributeQuery("INSERT INTO %TABLE_NAME%_ATTRIBUTES"
				+ " (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES) VALUES (?, ?, ?)"
				+ " ON CONFLICT (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) DO UPDATE SET ATTRIBUTE_BYTES = EXCLUDED.ATTRIBUTE_BYTES");
		repository.setDefaultMaxInactiveInterval(MAX_INACTIVE);
		// Expired sessions are cleaned up below, quietly through an outage (ADR 31): not
		// also by the repository's own task, which logs a stack trace a minute meanwhile.
		repository.setCleanupCron(Scheduled.CRON_DISABLED);
		return repository;
	}

	@Bean
	SmartLifecycle expiredSessionCleanup(JdbcIndexedSessionRepository sessions) {
		return new SmartLifecycle() {

			private static final Logger log = LoggerFactory.getLogger(SessionConfiguration.class);

			private ScheduledExecutorService scheduler;

			@Override
			public void start() {
				this.scheduler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
					Thread thread = new Thread(runnable, "atelier-session-cleanup");
					thread.setDaemon(true);
					return thread;
				});
				OutageWatch outages = new OutageWatch(log, "Expired session cleanup");
				this.scheduler.scheduleWithFixedDelay(() -> {
					try {
						sessions.cleanUpExpiredSessions();
						outages.succeeded();
					}
					catch (RuntimeException ex) {
						if (!outages.failed(ex)) {
							log.warn("Could not clean up expired sessions: {}", ex.getMessage());
						}
					}
				}, 5, 5, TimeUnit.MINUTES);
			}

			@Override
			public void stop() {
				if (this.scheduler != null) {
					this.scheduler.shutdownNow();
				}
			}

			@Override
			public boolean isRunning() {
				return this.scheduler != null && !this.scheduler.isShutdown();
			}

		};
	}

}

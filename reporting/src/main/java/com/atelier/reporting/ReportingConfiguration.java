package com.atelier.reporting;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

import com.atelier.platform.jobs.PeriodicJob;
import com.atelier.reporting.reports.DailySummaries;

/**
 * The reporting module's beans, and the job that keeps the daily summaries current (every
 * {@code atelier.reports.summary-interval}, default 5 min; off in CLI commands).
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
public class ReportingConfiguration {

	@Bean
	PeriodicJob reportSummarySchedule(DailySummaries summaries, @Value("${atelier.jobs.enabled:true}") boolean enabled,
			@Value("${atelier.reports.summary-interval:5m}") Duration interval,
			@Value("${atelier.reports.summary-days-per-run:400}") int daysPerRun) {
		return new PeriodicJob("report-summaries", () -> summaries.runOnce(daysPerRun), enabled, interval);
	}

}

package com.atelier.reporting.reports;

import java.time.ZoneId;
import java.util.List;

import org.springframework.stereotype.Component;

import com.atelier.platform.catalog.CatalogProblems;
import com.atelier.platform.brand.Brands;
import com.atelier.reporting.Report;
import com.atelier.reporting.ReportParameters;
import com.atelier.reporting.ReportProblems;

/**
 * The reports brand staff can run, by name, with their parameters checked before anything
 * runs.
 */
@Component
public class Reports {

	/** Every report, with what it shows and the parameters it takes. */
	public static final List<Description> ALL = List.of(
			new Description("sales-summary",
					"Sales per period, market and currency: gross, discounts, refunds, net, shipping, tax, total,"
							+ " orders, units, average order value",
					List.of("from", "to", "period=day|week|month", "market", "currency")),
			new Description("top-products", "Best sellers per currency by net revenue or units",
					List.of("from", "to", "by=product|variant", "rankBy=revenue|units", "limit=1..1000", "market",
							"currency")),
			new Description("inventory", "On hand, reserved and available per variant and location",
					List.of("lowStock=true|false", "threshold", "location")),
			new Description("funnel",
					"Carts, checkouts started, paid orders, expired reservations, failed payments, abandoned carts",
					List.of("from", "to", "market")),
			new Description("customers", "New versus returning customers per period",
					List.of("from", "to", "period=day|week|month")),
			new Description("customer-cohorts", "Customers and orders per cohort (month of first order) and month",
					List.of("from", "to")),
			new Description("top-customers", "Customers who spent most, per currency",
					List.of("from", "to", "limit=1..1000", "currency")));

	private final Brands brands;

	Reports(Brands brands) {
		this.brands = brands;
	}

	/**
	 * @param name the report's name
	 * @param parameters its parameters
	 * @return the report, ready to run for the current tenant
	 * @throws ReportProblems.UnknownReport when there is no such report
	 * @throws CatalogProblems.Invalid when a parameter is unknown or invalid
	 */
	public Report build(String name, ReportParameters parameters) {
		if (ALL.stream().noneMatch((d) -> d.name().equals(name))) {
			throw new ReportProblems.UnknownReport(name);
		}
		ZoneId zone = this.brands.current().timeZone();
		Report report = switch (name) {
			case "sales-summary" -> new SalesSummaryReport(parameters.range(zone), period(parameters),
					parameters.text("market"), parameters.currency());
			case "top-products" -> new TopProductsReport(parameters.range(zone),
					"variant".equals(parameters.choice("by", "product", "product", "variant")),
					"units".equals(parameters.choice("rankBy", "revenue", "revenue", "units")),
					parameters.integer("limit", 20, 1, 1000), parameters.text("market"), parameters.currency());
			case "inventory" -> new InventoryReport(parameters.flag("lowStock"),
					(parameters.text("threshold") != null) ? parameters.integer("threshold", 0, 0, 1_000_000) : null,
					parameters.text("location"));
			case "funnel" -> new FunnelReport(parameters.range(zone), parameters.text("market"));
			case "customers" -> new CustomerReports.NewVersusReturning(parameters.range(zone), period(parameters));
			case "customer-cohorts" -> new CustomerReports.Cohorts(parameters.range(zone));
			case "top-customers" -> new CustomerReports.TopCustomers(parameters.range(zone),
					parameters.integer("limit", 20, 1, 1000), parameters.currency());
			default -> throw new ReportProblems.UnknownReport(name);
		};
		parameters.rejectUnknown("format");
		return report;
	}

	private static String period(ReportParameters parameters) {
		return parameters.choice("period", "day", "day", "week", "month");
	}

	/**
	 * @param name the report's name, as in its URL
	 * @param description what it shows
	 * @param parameters the parameters it takes
	 */
	public record Description(String name, String description, List<String> parameters) {
	}

}

package com.atelier.platform.catalog;

import java.util.List;
import java.util.stream.Collectors;

import com.atelier.platform.problem.FieldProblem;
import com.atelier.platform.problem.ProblemException;
import com.atelier.platform.problem.ProblemType;
import com.atelier.platform.problem.Problems;

/**
 * The problems of the catalog, pricing and inventory features.
 */
public final class CatalogProblems {

	public static final ProblemType HANDLE_TAKEN = new ProblemType("handle-taken", "Handle already used", 409);

	public static final ProblemType SKU_TAKEN = new ProblemType("sku-taken", "SKU already used", 409);

	public static final ProblemType INSUFFICIENT_STOCK = new ProblemType("insufficient-stock", "Insufficient stock",
			409);

	private CatalogProblems() {
	}

	/**
	 * A catalog resource that does not exist in this brand (another brand's is the same).
	 */
	public static class NotFound extends ProblemException {

		public NotFound(String what) {
			super(Problems.NOT_FOUND, "No " + what + " here.");
		}

	}

	/** A handle (product, collection, market, location) is taken in this brand. */
	public static class HandleTaken extends ProblemException {

		public HandleTaken(String handle) {
			super(HANDLE_TAKEN, "The handle " + Problems.quote(handle) + " is already used.");
		}

	}

	/** A SKU is taken in this brand. */
	public static class SkuTaken extends ProblemException {

		public SkuTaken(String sku) {
			super(SKU_TAKEN, "The SKU " + Problems.quote(sku) + " is already used.");
		}

	}

	/** Input failed validation; every invalid field is listed. */
	public static class Invalid extends ProblemException {

		public Invalid(List<FieldProblem> problems) {
			super(Problems.INVALID_REQUEST,
					problems.stream().map((p) -> p.field() + ": " + p.message()).collect(Collectors.joining("; ")),
					problems);
		}

		public static Invalid of(String field, String message) {
			return new Invalid(List.of(new FieldProblem(field, message)));
		}

	}

}

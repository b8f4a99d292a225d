package com.atelier.platform.inventory;

import com.atelier.platform.catalog.CatalogProblems;
import com.atelier.platform.problem.ProblemException;

/**
 * A change would take stock below zero or below what is reserved.
 */
public class InsufficientStock extends ProblemException {

	public InsufficientStock(String detail) {
		super(CatalogProblems.INSUFFICIENT_STOCK, detail);
	}

}

package com.atelier.platform.money;

/**
 * Two amounts of different currencies were added or compared: a programming error, since
 * Atelier never converts silently.
 */
public class CurrencyMismatch extends IllegalArgumentException {

	public CurrencyMismatch(CurrencyCode left, CurrencyCode right) {
		super("Cannot combine " + left + " with " + right + ": amounts of different currencies are never mixed");
	}

}

package com.atelier.platform.idempotency.internal;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

import com.atelier.platform.idempotency.IdempotencyMarks;

/**
 * Gives every read-write transaction of a request that holds an idempotency key its mark
 * (registered with the transaction manager by Spring Boot, as every
 * {@link TransactionExecutionListener} bean is).
 */
@Component
class IdempotentTransactions implements TransactionExecutionListener {

	@Override
	public void afterBegin(TransactionExecution transaction, @Nullable Throwable beginFailure) {
		if (beginFailure == null) {
			IdempotencyMarks.began(transaction);
		}
	}

}

package com.atelier.platform.events;

import java.util.Map;
import java.util.UUID;

/**
 * Records events of the current tenant in the outbox, in the caller's transaction: the
 * event exists exactly when the change that caused it was committed.
 */
public interface Events {

	/**
	 * @param type e.g. {@link EventTypes#ORDER_PLACED}
	 * @param aggregateType e.g. {@code order}
	 * @param aggregateId the id of the thing that changed
	 * @param payload what subscribers need, serialised as JSON
	 * @return the event's id
	 * @throws org.springframework.transaction.IllegalTransactionStateException when no
	 * transaction is active
	 */
	UUID publish(String type, String aggregateType, String aggregateId, Map<String, ?> payload);

}

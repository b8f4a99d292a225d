package com.atelier.platform.events;

/**
 * Receives events at least once, inside the event's tenant, outside any transaction. A
 * subscriber must tolerate a second delivery of the same {@link OutboxEvent#eventId()}.
 * Throwing makes the relay retry this subscriber (only) later, with backoff.
 */
public interface EventSubscriber {

	/** A stable name: deliveries are recorded under it. */
	String name();

	/**
	 * @param type an event type
	 * @return whether this subscriber wants events of the type
	 */
	boolean accepts(String type);

	void handle(OutboxEvent event) throws Exception;

}

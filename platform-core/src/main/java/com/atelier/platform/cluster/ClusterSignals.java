package com.atelier.platform.cluster;

/**
 * Short messages to every application node, over PostgreSQL LISTEN/NOTIFY. Delivery is
 * best effort: a node that was disconnected misses messages, so a subscriber is also told
 * when its node reconnects and must then assume it missed everything (clear caches). Use
 * TTLs as the backstop.
 */
public interface ClusterSignals {

	/**
	 * Sends a message now, outside any transaction. To send on commit of a platform
	 * transaction, notify inside that transaction instead.
	 * @param channel a channel name ({@code [a-z_]+})
	 * @param payload at most a few hundred bytes
	 */
	void publish(String channel, String payload);

	/**
	 * Sends a message when the current Spring transaction commits (now, when there is
	 * none), so that nodes reloading on the message see the committed change. Best
	 * effort: a failure to publish is logged, and other nodes fall back to their caches'
	 * TTL.
	 * @param channel a channel name ({@code [a-z_]+})
	 * @param payload at most a few hundred bytes
	 */
	void publishAfterCommit(String channel, String payload);

	/**
	 * Subscribes to a channel on this node.
	 * @param channel the channel
	 * @param subscriber told about messages and reconnects
	 */
	void subscribe(String channel, Subscriber subscriber);

	/**
	 * Receives messages of one channel.
	 */
	interface Subscriber {

		void onMessage(String payload);

		/**
		 * The node lost its listening connection and got it back: messages may be lost.
		 */
		void onReconnect();

	}

}

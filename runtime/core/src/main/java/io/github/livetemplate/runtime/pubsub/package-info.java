/**
 * Cross-instance transport for server push: the {@link
 * io.github.livetemplate.runtime.pubsub.Broadcaster} interface, its single-JVM default {@link
 * io.github.livetemplate.runtime.pubsub.InProcessBroadcaster} and the Redis implementation {@link
 * io.github.livetemplate.redis.RedisBroadcaster} (Jedis).
 *
 * <p>Channel names and JSON payloads are those of the Go reference implementation (go-livetemplate
 * {@code pubsub/redis.go}), so Go and Java instances can share one Redis:
 *
 * <table>
 *   <caption>Channels</caption>
 *   <tr><th>channel</th><th>{@code type}</th><th>subscribe with</th></tr>
 *   <tr><td>{@code livetemplate:groupaction:group:{groupID}}</td><td>{@code group_action}</td>
 *       <td>{@link io.github.livetemplate.runtime.pubsub.Broadcaster#subscribeGroupActions}</td></tr>
 *   <tr><td>{@code livetemplate:action:user:{userID}}</td><td>{@code server_action}</td>
 *       <td>{@link io.github.livetemplate.runtime.pubsub.Broadcaster#subscribeServerActions}</td></tr>
 *   <tr><td>{@code livetemplate:topic:{topic}} (PSUBSCRIBE for {@code *} segments)</td>
 *       <td>{@code topic_action}</td>
 *       <td>{@link io.github.livetemplate.runtime.pubsub.Broadcaster#subscribeTopic}</td></tr>
 *   <tr><td>{@code livetemplate:broadcast:global|group:{id}|user:{id}}</td><td>{@code broadcast}</td>
 *       <td>{@link io.github.livetemplate.runtime.pubsub.Broadcaster#subscribeBroadcasts}</td></tr>
 * </table>
 *
 * <p>The layer only moves messages between instances. A publisher delivers to its own local
 * connections itself; messages that carry the receiver's own instance id are ignored. See {@code
 * docs/scaling.md}.
 */
package io.github.livetemplate.runtime.pubsub;

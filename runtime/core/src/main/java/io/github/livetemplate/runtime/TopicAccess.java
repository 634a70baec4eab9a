package io.github.livetemplate.runtime;

/**
 * Decides whether a connection may subscribe to (or, from an action, publish on) a topic. Topics
 * are deny-all until a rule is configured with {@link LiveHandler.Builder#topicAccess(TopicAccess)}
 * or {@link LiveHandler.Builder#openTopics()}.
 *
 * <pre>{@code
 * .topicAccess((topic, ctx) -> topic.startsWith("chat/")
 *     || topic.equals("user/" + ctx.userId()) && !ctx.userId().isEmpty())
 * }</pre>
 *
 * <p>Called on the connection's thread during {@code ctx.subscribe}/{@code ctx.publish}; it must be
 * thread-safe and fast. A rule that throws counts as a refusal.
 */
@FunctionalInterface
public interface TopicAccess {

    /**
     * @param topic the topic or subscription pattern exactly as passed (may contain {@code *})
     * @param ctx the context of the calling mount or action (user, group, query, data)
     * @return whether the call is allowed
     */
    boolean allowed(String topic, Context ctx);
}

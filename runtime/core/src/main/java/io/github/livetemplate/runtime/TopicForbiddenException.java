package io.github.livetemplate.runtime;

/**
 * Thrown by {@link Context#subscribe} and {@link Context#publish} when the handler's {@link
 * TopicAccess} rule refuses the topic (topics are deny-all by default). Let it propagate: thrown
 * from {@code mount} of a WebSocket connection, the client receives {@code
 * {"type":"error","code":"topic_forbidden","topic":"…"}} and the socket stays open; thrown from an
 * action, the action fails ({@code meta.success:false}) and the state is kept; thrown from the
 * {@code mount} of a page load, the page answers 500.
 */
public final class TopicForbiddenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String topic;

    public TopicForbiddenException(String topic) {
        super("topic \"" + topic + "\" is forbidden");
        this.topic = topic;
    }

    /** The refused topic or pattern. */
    public String topic() {
        return topic;
    }
}

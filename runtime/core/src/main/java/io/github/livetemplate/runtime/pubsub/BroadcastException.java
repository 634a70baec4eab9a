package io.github.livetemplate.runtime.pubsub;

/**
 * A publish could not be handed to the transport (for Redis: the server is unreachable, the
 * connection broke or the publish timed out). Nothing was sent to other instances; the caller
 * decides whether to log, retry or report the loss. Counted in {@link
 * Broadcaster.Stats#publishFailures()}.
 */
public final class BroadcastException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BroadcastException(String message, Throwable cause) {
        super(message, cause);
    }

    public BroadcastException(String message) {
        super(message);
    }
}

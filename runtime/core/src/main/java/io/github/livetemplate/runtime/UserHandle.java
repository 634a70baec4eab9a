package io.github.livetemplate.runtime;

import java.util.Map;

/**
 * Server push to one signed-in user: every connection whose {@link Context#userId()} is that user
 * (as told by {@link LiveHandler.Builder#identify}), in every browser, here and on other instances.
 * Obtain it with {@link LiveHandler#user(String)}; cheap, immutable, usable from any thread.
 */
public interface UserHandle {

    /** The user this handle addresses. */
    String userId();

    /**
     * Runs {@code action} with {@code data} on every local WebSocket connection of the user (each
     * against its own state, on its own queue, like {@link SessionHandle#trigger}) and hands it to
     * the broadcaster's server-action channel for the other instances. Best effort, as {@link
     * SessionHandle#trigger}.
     *
     * @return how many local connections it was queued on (for more than 128, handed to: the hub's
     *     lanes queue them off the caller, docs/runtime.md §10)
     */
    int trigger(String action, Map<String, ?> data);
}

package io.github.livetemplate.runtime;

import java.util.Map;

/**
 * Server push to one session group (one browser: every tab sharing its session cookie). Obtain it
 * with {@link Context#session()} inside an action or lifecycle call, or with {@link
 * LiveHandler#session(String)} from anywhere else. Handles are cheap, immutable and usable from any
 * thread, also after the action that obtained them has returned (for example from a background job
 * that finished).
 */
public interface SessionHandle {

    /** The session group this handle addresses. */
    String groupId();

    /**
     * Runs {@code action} with {@code data} on every WebSocket connection of the group: each
     * against its own state, on that connection's own serial queue, and sends the resulting diff
     * ({@code {"tree":…,"meta":{"success":…,"errors":{…}}}}). Also hands the action to the
     * handler's {@code Broadcaster} so that other instances run it on their connections of the
     * group. Best effort: a connection whose queue is full drops it (counted in {@link
     * LiveHandler#droppedMessages()}); a tab that is reconnecting at that moment misses it and
     * receives a freshly mounted state when it is back.
     *
     * @param data the action's data (may be null); values as a client would send them (strings,
     *     numbers, booleans, lists, maps)
     * @return how many local connections it was queued on (for more than 128, handed to: the hub's
     *     lanes queue them off the caller, docs/runtime.md §10)
     */
    int trigger(String action, Map<String, ?> data);
}

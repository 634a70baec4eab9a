package io.github.livetemplate.runtime.engine;

import java.util.concurrent.Executor;

/**
 * The transport side of one live connection: where a {@link LiveConnection} writes its frames. Each
 * transport (the Undertow WebSocket, an in-memory test socket) implements it; the engine never sees
 * the transport's own types.
 */
public interface Socket {

    /** Whether frames can still be sent (open, and no close frame sent yet). */
    boolean canSend();

    /** Sends one text frame holding UTF-8 JSON; never blocks. Failures close the socket. */
    void send(byte[] utf8Json);

    /** Starts closing the socket with a close frame. */
    void close(int code, String reason);

    /** Runs the connection's work (its serial queue) off the I/O thread. */
    Executor executor();

    /**
     * Whether frames sent earlier are still waiting to reach the client, past the transport's
     * threshold: pushes to the connection are then coalesced into one later catch-up diff instead
     * of sent (docs/runtime.md §19). Any thread; a transport without a backlog never is.
     */
    default boolean backlogged() {
        return false;
    }

    /**
     * Runs {@code listener} once, on any thread, when the backlog has drained (right away if there
     * is none). A transport that is never {@link #backlogged()} need not keep it.
     */
    default void whenDrained(Runnable listener) {}
}

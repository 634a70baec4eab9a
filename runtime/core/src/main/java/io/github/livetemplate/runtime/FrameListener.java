package io.github.livetemplate.runtime;

/**
 * Observes the protocol messages of a {@link LiveHandler}, for tests and debugging: every WebSocket
 * text frame received or sent (pings and pongs included), every JSON {@code POST} body received and
 * every JSON answer sent over HTTP (POST answers and the JSON {@code GET} of HTTP mode). Register
 * one with {@link LiveHandler.Builder#frameListener(FrameListener)}.
 *
 * <p>The listener is called synchronously on the worker thread that handles the message (after the
 * message was produced, before or while it is written), from many connections at once: it must be
 * thread-safe and fast, and should not block. An exception it throws is logged and ignored. Without
 * a listener the runtime does no extra work.
 */
@FunctionalInterface
public interface FrameListener {

    /** How a message travelled. */
    enum Transport {
        /** A WebSocket text frame. */
        WEBSOCKET,
        /** An HTTP request body ({@code POST}) or a JSON response body. */
        HTTP
    }

    /** The direction, seen from the server. */
    enum Direction {
        /** From the browser to the server. */
        RECEIVED,
        /** From the server to the browser. */
        SENT
    }

    /**
     * One message.
     *
     * @param transport WebSocket frame or HTTP body
     * @param direction received or sent
     * @param path the request path of the page ({@code /todos}, without the query)
     * @param text the message: the JSON text as it was received or sent
     */
    record Frame(Transport transport, Direction direction, String path, String text) {}

    /** Called once per message. */
    void onFrame(Frame frame);
}

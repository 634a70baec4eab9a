package io.github.livetemplate.runtime.engine;

import java.util.List;

/**
 * What a {@link PageSession} step asks its transport to do: send {@code messages} (UTF-8 JSON, in
 * order), then, when {@link #broken()}, give up on the page because the server failed: a WebSocket
 * closes with 1011 and {@link #failure()} as its reason, an HTTP request is answered with status
 * 500 (its body the last message, if any).
 *
 * @param messages what to send, possibly nothing
 * @param failure why the page is broken, or {@code null} when it is not
 */
public record Reply(List<byte[]> messages, String failure) {

    /**
     * The failure of a socket whose user signed out: it closes with 1008 and its state is dropped.
     */
    public static final String SIGNED_OUT = "signed out";

    /** Nothing to send (a message for a connection that is not live). */
    static final Reply NONE = new Reply(List.of(), null);

    public Reply {
        messages = List.copyOf(messages);
    }

    static Reply of(byte[] message) {
        return new Reply(List.of(message), null);
    }

    static Reply broken(String failure, List<byte[]> messages) {
        return new Reply(messages, failure);
    }

    /** Whether the page failed on the server and the transport must give up on it. */
    public boolean broken() {
        return failure != null;
    }

    /** The only (or last) message; {@code null} when there is none. */
    public byte[] last() {
        return messages.isEmpty() ? null : messages.get(messages.size() - 1);
    }
}

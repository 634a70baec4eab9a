package io.github.livetemplate.runtime.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * An in-memory {@link Socket}: keeps what was sent and how it was closed. The transport of the test
 * kit's views and of the engine's own tests, so both drive the real engine.
 */
public final class MemorySocket implements Socket {
    private final List<String> sent = new ArrayList<>();
    private final Executor executor;
    private boolean closeSent;
    private int closeCode;
    private String closeReason;
    private boolean backlogged;
    private Runnable drainListener;

    /** A socket whose connection runs its tasks on {@code executor}. */
    public MemorySocket(Executor executor) {
        this.executor = executor;
    }

    @Override
    public synchronized boolean canSend() {
        return !closeSent;
    }

    @Override
    public synchronized void send(byte[] utf8Json) {
        sent.add(new String(utf8Json, StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void close(int code, String reason) {
        if (!closeSent) {
            closeSent = true;
            closeCode = code;
            closeReason = reason;
        }
    }

    @Override
    public Executor executor() {
        return executor;
    }

    @Override
    public synchronized boolean backlogged() {
        return backlogged;
    }

    @Override
    public void whenDrained(Runnable listener) {
        synchronized (this) {
            if (backlogged) {
                drainListener = listener;
                return;
            }
        }
        listener.run();
    }

    /**
     * Makes the socket {@linkplain #backlogged() backlogged} (as if the client had stopped reading)
     * or drains it, which runs the connection's drain listener.
     */
    public void backlog(boolean on) {
        Runnable l;
        synchronized (this) {
            backlogged = on;
            l = on ? null : drainListener;
            if (!on) {
                drainListener = null;
            }
        }
        if (l != null) {
            l.run();
        }
    }

    /** The frames sent since the last call, and forgets them. */
    public synchronized List<String> take() {
        List<String> out = List.copyOf(sent);
        sent.clear();
        return out;
    }

    /** Whether the engine closed the socket. */
    public synchronized boolean closed() {
        return closeSent;
    }

    /** The close code, once closed. */
    public synchronized int closeCode() {
        return closeCode;
    }

    /** The close reason, once closed. */
    public synchronized String closeReason() {
        return closeReason;
    }
}
